package dev.lockstep.scanner.frontend;

import com.github.javaparser.symbolsolver.resolution.typesolvers.ClassLoaderTypeSolver;

/**
 * Lockstep's own window API ({@code dev.lockstep.window}: {@code BoundedWindow} and the types its
 * signatures name), served from the scanner's class path, where the scanner jar bundles it. Asked
 * last, after the scanned sources and {@code --classpath}, so a project's own copy of the window
 * wins; it answers for nothing else, so the scanner's other dependencies never answer for the
 * user's code. Without it a scan that is not given the window's jar misses every pipeline built on
 * a window (FakeConcurrency, OversizedWindow, the concurrency map).
 */
final class WindowApiTypeSolver extends ClassLoaderTypeSolver {
  static final String PACKAGE = "dev.lockstep.window.";

  WindowApiTypeSolver() {
    super(WindowApiTypeSolver.class.getClassLoader());
  }

  @Override
  protected boolean filterName(String name) {
    return name.startsWith(PACKAGE);
  }
}
