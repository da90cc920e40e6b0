package dev.lockstep.window;

import static com.google.common.truth.Truth.assertWithMessage;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Checks that no lane outlives its run, per test: the test's windows hand their lanes to executors
 * {@linkplain #track tracked} here, which count each task from its submission until it returned.
 * One instance per test (a field of the test class), so runs of other tests never count. Bounded
 * waits only.
 */
final class Leaks {
  private static final ThreadFactory VIRTUAL = Thread.ofVirtual().name("tracked-lane").factory();

  private final AtomicInteger live = new AtomicInteger();

  /** Like {@link BoundedWindow#of}: lanes on virtual threads, each tracked. */
  BoundedWindow of(int k) {
    return BoundedWindow.of(k).executor(track(task -> VIRTUAL.newThread(task).start()));
  }

  /** {@code executor}, counting every task it is given until the task returned or was rejected. */
  Executor track(Executor executor) {
    return task -> {
      live.incrementAndGet();
      try {
        executor.execute(
            () -> {
              try {
                task.run();
              } finally {
                live.decrementAndGet();
              }
            });
      } catch (RuntimeException | Error e) {
        live.decrementAndGet();
        throw e;
      }
    };
  }

  /**
   * Asserts that every lane of every tracked run has ended. A lane returns just after it released
   * its run's caller, so allow it a moment to get there.
   */
  void assertNoLiveLanes() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (live.get() != 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000);
    }
    assertWithMessage("lanes still alive").that(live.get()).isEqualTo(0);
  }

  /** For runs on the default executor: asserts that the given lane threads all end. */
  static void assertEnded(Collection<Thread> lanes) throws InterruptedException {
    for (Thread lane : lanes) {
      assertWithMessage("%s still alive", lane).that(lane.join(Duration.ofSeconds(5))).isTrue();
    }
  }
}
