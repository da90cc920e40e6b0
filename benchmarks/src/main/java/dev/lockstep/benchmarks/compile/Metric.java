package dev.lockstep.benchmarks.compile;

/**
 * What a run's time is measured in. Wall time is what a user waits for, but on a shared machine it
 * also counts the time other processes held the cores; CPU time counts only this JVM's work, so it
 * is the measure that stays put when the load does not.
 */
public enum Metric {
  /**
   * CPU time of the thread that ran javac: parsing, attribution, Error Prone's and Lockstep's
   * checks, code generation. Leaves out GC and JIT threads, hence the least noisy measure of the
   * checks' own work; the issue's ≤ 5 % verdict is taken on it.
   */
  THREAD_CPU("thread CPU"),
  /** CPU time of the whole JVM during the run: the compiling thread plus GC and JIT compilers. */
  PROCESS_CPU("process CPU"),
  /** Elapsed time: what a user waits for, and what other processes' load distorts. */
  WALL("wall");

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  /** How tables name it. */
  public String label() {
    return label;
  }
}
