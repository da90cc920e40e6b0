package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.analysis.facts.PipelineCalls;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The window API as both front ends model it ({@link PipelineCalls}) against the window itself: a
 * renamed or removed operation would otherwise leave the checks silently blind to it.
 */
final class WindowModelTest {
  @Test
  void theModelNamesTheWindowsApi() throws ReflectiveOperationException {
    Class<?> window = Class.forName(PipelineCalls.BOUNDED_WINDOW);
    Method of = window.getMethod(PipelineCalls.WINDOW_FACTORY, int.class);
    assertWithMessage("%s is static", of).that(Modifier.isStatic(of.getModifiers())).isTrue();

    Set<String> methods =
        Arrays.stream(window.getMethods()).map(Method::getName).collect(Collectors.toSet());
    for (String op : PipelineCalls.WINDOW_OPS) {
      assertWithMessage("BoundedWindow has the operation %s", op).that(methods).contains(op);
    }
    for (String config : PipelineCalls.WINDOW_CONFIG) {
      assertWithMessage("BoundedWindow has the configuration call %s", config)
          .that(methods)
          .contains(config);
    }
  }
}
