package dev.lockstep.analysis.config;

import dev.lockstep.analysis.catalogue.Catalogue;

/**
 * Lockstep's options, parsed once per compilation (the checker reads them from Error Prone flags,
 * the scanner from its command line). Shared options are {@code -XepOpt:Lockstep:<Flag>}; per-check
 * ones {@code -XepOpt:<CheckName>:<Flag>}.
 */
public interface LockstepConfig {
  /** The default of {@link #maxDepth()}. */
  int DEFAULT_MAX_DEPTH = 6;

  /** The default of {@link #window()}. */
  int DEFAULT_WINDOW = 5;

  /**
   * The default of {@link #cores()}: a fixed number, not the compiling machine's processors, so
   * that a build reports the same findings everywhere.
   */
  int DEFAULT_CORES = 8;

  /** The built-in catalogue plus the user's ({@code -XepOpt:Lockstep:CatalogueFile=path}). */
  Catalogue catalogue();

  /**
   * How many method bodies deep to follow calls from a loop ({@code
   * -XepOpt:SerialAwaitInLoop:MaxDepth}, default {@value #DEFAULT_MAX_DEPTH}).
   */
  int maxDepth();

  /**
   * The window {@code k} suggested and used in the cost ({@code -XepOpt:SerialAwaitInLoop:Window},
   * default {@value #DEFAULT_WINDOW}).
   */
  int window();

  /**
   * The processors the pipelines' target machine has: a parallel stream's window is {@code cores},
   * the common pool's {@code cores − 1} ({@code -XepOpt:FakeConcurrency:Cores}, {@code
   * -XepOpt:OversizedWindow:Cores}, default {@value #DEFAULT_CORES}).
   */
  int cores();

  /** The defaults: built-in catalogue, depth 6, window 5, 8 cores. */
  static LockstepConfig defaults() {
    return of(Catalogue.builtin(), DEFAULT_MAX_DEPTH, DEFAULT_WINDOW);
  }

  static LockstepConfig of(Catalogue catalogue, int maxDepth, int window) {
    return of(catalogue, maxDepth, window, DEFAULT_CORES);
  }

  static LockstepConfig of(Catalogue catalogue, int maxDepth, int window, int cores) {
    return new SimpleConfig(catalogue, maxDepth, window, cores);
  }
}
