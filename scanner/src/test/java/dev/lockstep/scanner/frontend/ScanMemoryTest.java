package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import dev.lockstep.analysis.config.LockstepConfig;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan leaves nothing behind in the JVM: JavaParser's static facade cache held every scan's type
 * solver, and with it every tree (found by the fuzzer: 1 GB gone after 200 scans in one JVM).
 */
final class ScanMemoryTest {
  @TempDir Path dir;

  @Test
  void aScanLeavesNoTypeSolverInJavaParsersStaticCache() throws Exception {
    Path file = dir.resolve("test/A.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package test;
        import java.util.List;
        class A {
          void all(List<String> ids) {
            for (String id : ids) {
              id.length();
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    FrontEnd.Result result =
        FrontEnd.scan(
            List.of(new FrontEnd.Input(file, "test/A.java")),
            new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1));
    assertThat(result.stats().resolutions()).isGreaterThan(0);
    assertThat(facades()).isEmpty();
  }

  @Test
  void aScanLeavesNoLambdaTypesInJavaParsersStaticCache() throws Exception {
    Path file = dir.resolve("test/B.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package test;
        import java.util.List;
        import java.util.stream.Collectors;
        class B {
          void all(List<String> ids) {
            for (String id : ids) {
              List<Integer> lengths =
                  ids.stream().map(s -> s.length()).filter(n -> n > 1).collect(Collectors.toList());
              lengths.forEach(n -> System.out.println(n + id));
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    FrontEnd.Input input = new FrontEnd.Input(file, "test/B.java");
    FrontEnd.Options options = new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1);
    // What the scan's resolution leaves in JavaParser's static lambda cache (TypeInferenceCache)
    // while its solver lives: this file's lambdas, and through them its tree.
    List<FrontEnd.ParsedFile> parsed = FrontEnd.parse(List.of(input), 1);
    FrontEnd.Result result = FrontEnd.analyse(parsed, in -> true, options);
    assertThat(result.stats().resolutions()).isGreaterThan(0);
    assertThat(JavaParserStatics.lambdaCacheSolvers()).isEqualTo(0);
    FrontEnd.scan(List.of(input), options);
    assertThat(JavaParserStatics.lambdaCacheSolvers()).isEqualTo(0);
  }

  /** JavaParser's own cache of facades by type solver (private: read by reflection). */
  private static Map<?, ?> facades() throws ReflectiveOperationException {
    Field instances = JavaParserFacade.class.getDeclaredField("instances");
    instances.setAccessible(true);
    return (Map<?, ?>) instances.get(null);
  }
}
