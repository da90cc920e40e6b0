package dev.lockstep.window;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.concurrent.TimeUnit;

/** Checks that no lane outlives its run: bounded waits only. */
final class Leaks {
  private Leaks() {}

  /**
   * Asserts that every lane of every run has ended. A lane decrements the count in its last
   * statements, after it released its run's caller, so allow it a moment to get there.
   */
  static void assertNoLiveLanes() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (WindowRun.liveLanes.get() != 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
    assertWithMessage("lanes still alive").that(WindowRun.liveLanes.get()).isEqualTo(0);
  }
}
