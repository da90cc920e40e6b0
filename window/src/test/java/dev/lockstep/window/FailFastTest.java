package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fail fast, cancellation, interruption, deadlines and Errors; real threads, bounded waits. */
final class FailFastTest {
  private final Leaks leaks = new Leaks();

  private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

  @AfterEach
  void noLeaks() {
    assertThat(Thread.interrupted()).isFalse();
    leaks.assertNoLiveLanes();
  }

  @Test
  void firstFailureCancelsTheRestAndIsThrown() {
    Set<Integer> started = ConcurrentHashMap.newKeySet();
    AtomicInteger interrupted = new AtomicInteger();
    CountDownLatch othersRunning = new CountDownLatch(3);
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                leaks
                    .of(4)
                    .map(
                        HUNDRED,
                        i -> {
                          started.add(i);
                          if (i == 3) {
                            othersRunning.await(5, TimeUnit.SECONDS);
                            throw boom;
                          }
                          othersRunning.countDown();
                          Interrupts.sleepCounting(interrupted);
                          return i;
                        }));
    assertThat(thrown).isSameInstanceAs(boom);
    // The window interrupted the other calls; those do not count as failures.
    assertThat(thrown.getSuppressed()).isEmpty();
    assertThat(interrupted.get()).isEqualTo(3);
    // Nothing started after the failure: only the first window's worth.
    assertThat(started).containsExactly(0, 1, 2, 3);
  }

  @Test
  void otherFailuresAreAttachedAsSuppressed() {
    AtomicInteger in = new AtomicInteger();
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                leaks
                    .of(3)
                    .forEach(
                        List.of(0, 1, 2),
                        i -> {
                          in.incrementAndGet();
                          // Wait for the others without reacting to interrupts (parkNanos only
                          // returns early), so each call fails on its own, not because of the
                          // window's cancellation. Bounded.
                          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                          while (in.get() < 3 && System.nanoTime() < deadline) {
                            LockSupport.parkNanos(100_000);
                          }
                          throw new RuntimeException("f" + i);
                        }));
    assertThat(e.getSuppressed()).hasLength(2);
  }

  @Test
  void anErrorIsThrownBeforeTheFirstFailureWhichIsAttached() {
    CountDownLatch bothIn = new CountDownLatch(1);
    IOException first = new IOException("first");
    AssertionError error = new AssertionError("error");
    ThrowingConsumer<Integer, Exception> call =
        i -> {
          if (i == 0) {
            bothIn.await(5, TimeUnit.SECONDS);
            throw first;
          }
          bothIn.countDown();
          // Wait for the window's interrupt, which comes only after the first failure was
          // recorded, then fail with an Error. Bounded.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (!Thread.interrupted() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
          }
          throw error;
        };
    BoundedWindow window = leaks.of(2);
    AssertionError thrown =
        assertThrows(AssertionError.class, () -> window.forEach(List.of(0, 1), call));
    assertThat(thrown).isSameInstanceAs(error);
    assertThat(thrown.getSuppressed()).asList().containsExactly(first);
  }

  @Test
  void errorsPropagateAsIs() {
    AssertionError error = new AssertionError("bad");
    AssertionError thrown =
        assertThrows(
            AssertionError.class,
            () ->
                leaks
                    .of(2)
                    .map(
                        HUNDRED,
                        i -> {
                          if (i == 10) {
                            throw error;
                          }
                          return i;
                        }));
    assertThat(thrown).isSameInstanceAs(error);
  }

  @Test
  void aThrowingInputEndsTheRunWithItsException() {
    AtomicInteger calls = new AtomicInteger();
    Iterable<Integer> input = Inputs.throwingAt(20, Integer.MAX_VALUE, "input broke");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                leaks
                    .of(3)
                    .forEach(
                        input,
                        i -> {
                          calls.incrementAndGet();
                        }));
    assertThat(e).hasMessageThat().isEqualTo("input broke");
    assertThat(calls.get()).isAtMost(20);
  }

  @Test
  void aRejectingExecutorFailsTheRun() {
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("full");
        };
    RejectedExecutionException e =
        assertThrows(
            RejectedExecutionException.class,
            () -> BoundedWindow.of(3).executor(leaks.track(rejecting)).map(HUNDRED, i -> i));
    assertThat(e).hasMessageThat().isEqualTo("full");
  }

  @Test
  void callerInterruptCancelsAndRestoresTheFlag() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    AtomicInteger interruptedCalls = new AtomicInteger();
    Caller.Result<Void> r =
        Caller.run(
            () -> {
              leaks
                  .of(2)
                  .forEach(
                      HUNDRED,
                      i -> {
                        running.countDown();
                        Interrupts.sleepCounting(interruptedCalls);
                      });
              return null;
            },
            () -> assertThat(running.await(5, TimeUnit.SECONDS)).isTrue());
    assertThat(r.thrown()).isInstanceOf(CancellationException.class);
    assertThat(r.interruptFlag()).isTrue();
    assertThat(interruptedCalls.get()).isEqualTo(2);
  }

  @Test
  void deadlineCancelsTheRun() {
    AtomicInteger started = new AtomicInteger();
    Stats[] stats = new Stats[1];
    DeadlineExceededException e =
        assertThrows(
            DeadlineExceededException.class,
            () ->
                leaks
                    .of(2)
                    .timeout(Duration.ofMillis(50))
                    .onStats(s -> stats[0] = s)
                    .forEach(
                        HUNDRED,
                        i -> {
                          started.incrementAndGet();
                          Thread.sleep(10_000);
                        }));
    assertThat(e).hasMessageThat().contains("deadline");
    assertThat(started.get()).isEqualTo(2);
    assertThat(stats[0].itemsCancelled()).isEqualTo(2);
  }

  @Test
  void callsIgnoringInterruptsAreAbandonedAfterTheGraceAndNamed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch in = new CountDownLatch(1);
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                leaks
                    .of(2)
                    .cancelGrace(Duration.ofMillis(20))
                    .forEach(
                        List.of(0, 1),
                        i -> {
                          if (i == 0) {
                            in.await(5, TimeUnit.SECONDS);
                            throw new RuntimeException("fail");
                          }
                          in.countDown();
                          // Ignores interrupts until released.
                          while (true) {
                            try {
                              if (release.await(5, TimeUnit.SECONDS)) {
                                return;
                              }
                            } catch (InterruptedException ignored) {
                              // keep waiting
                            }
                          }
                        }));
    assertThat(e).hasMessageThat().isEqualTo("fail");
    assertThat(e.getSuppressed()).hasLength(1);
    assertThat(e.getSuppressed()[0]).hasMessageThat().contains("abandoned");
    release.countDown(); // let the abandoned lane end, so that the leak check passes
  }

  @Test
  void anInterruptMeantForOneCallNeverReachesTheNextTaskOfAPooledThread() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        assertThrows(
            RuntimeException.class,
            () ->
                BoundedWindow.of(2)
                    .executor(leaks.track(pool))
                    .forEach(
                        HUNDRED,
                        i -> {
                          if (i == 5) {
                            throw new RuntimeException();
                          }
                          Thread.sleep(1);
                        }));
      }
      // Every pool thread must come back without a stale interrupt.
      for (int i = 0; i < 4; i++) {
        assertThat(
                pool.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS))
            .isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
