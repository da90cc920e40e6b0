package dev.lockstep.benchmarks.compile;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Lockstep's checks as Error Prone discovers them: every {@link BugChecker} registered through
 * {@code META-INF/services} in a {@code dev.lockstep} package. No list is written down, so a new
 * check is benchmarked the day it is registered.
 */
public final class LockstepChecks {
  private static final String PACKAGE = "dev.lockstep.";

  private LockstepChecks() {}

  /** The names ({@code -Xep:<name>}) of the Lockstep checks {@code loader} sees, sorted. */
  public static List<String> discover(ClassLoader loader) {
    return ServiceLoader.load(BugChecker.class, loader).stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type.getName().startsWith(PACKAGE))
        .map(LockstepChecks::checkName)
        .sorted()
        .toList();
  }

  private static String checkName(Class<? extends BugChecker> type) {
    BugPattern pattern = type.getAnnotation(BugPattern.class);
    return pattern == null || pattern.name().isEmpty() ? type.getSimpleName() : pattern.name();
  }
}
