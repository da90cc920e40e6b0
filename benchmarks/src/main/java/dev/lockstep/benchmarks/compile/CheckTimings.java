package dev.lockstep.benchmarks.compile;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;

/**
 * Error Prone's own stopwatch per check: {@code ErrorProneScanner} wraps every call of a check's
 * matcher in {@code ErrorProneTimings.span}, keyed by the check's name, for the whole compilation.
 * Read after the run, the Lockstep checks' entries are Lockstep's self time — its matchers and the
 * summaries they compute — measured inside the one compile instead of as the difference of two
 * noisy compiles (one Error Prone compile of guava varies by 10–15 % from run to run; Lockstep's
 * share is a few per cent).
 *
 * <p>The timers are wall-clock stopwatches on the compiling thread: on a quiet machine they are its
 * CPU time, under load they also count waiting for a core. Reached by reflection (javac's {@code
 * BasicJavacTask.getContext()} is in a package that is not exported by default); when anything is
 * missing — the exports, or a plugin class loader of javac's own (the isolated mode), whose {@code
 * ErrorProneTimings} is a different class — the answer is empty, never an error.
 */
final class CheckTimings {
  private static final String TIMINGS_CLASS = "com.google.errorprone.ErrorProneTimings";

  private final Object context;
  private final ClassLoader pluginLoader;

  private CheckTimings(Object context, ClassLoader pluginLoader) {
    this.context = context;
    this.pluginLoader = pluginLoader;
  }

  /**
   * Takes hold of the task's javac context before it runs (javac drops its own reference when the
   * task ends); {@code pluginLoader} is the loader Error Prone is loaded through, or null.
   */
  static CheckTimings before(JavaCompiler.CompilationTask task, ClassLoader pluginLoader) {
    try {
      Object context = task.getClass().getMethod("getContext").invoke(task);
      return new CheckTimings(context, pluginLoader);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new CheckTimings(null, null);
    }
  }

  /** Seconds per check name, as Error Prone timed them; empty when they cannot be read. */
  Map<String, Double> seconds() {
    if (context == null || pluginLoader == null) {
      return Map.of();
    }
    try {
      Class<?> timingsClass = Class.forName(TIMINGS_CLASS, false, pluginLoader);
      Object timings = timingsClass.getMethod("instance", context.getClass()).invoke(null, context);
      Map<?, ?> durations = (Map<?, ?>) timingsClass.getMethod("timings").invoke(timings);
      Map<String, Double> seconds = new TreeMap<>();
      durations.forEach(
          (check, duration) -> seconds.put((String) check, ((Duration) duration).toNanos() / 1e9));
      return seconds;
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      return Map.of();
    } catch (InvocationTargetException | RuntimeException e) {
      return Map.of();
    }
  }
}
