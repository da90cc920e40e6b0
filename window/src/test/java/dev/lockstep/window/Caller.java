package dev.lockstep.window;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A terminal operation run on a fresh platform thread, as its caller: the test can interrupt it,
 * then learns how the operation ended and whether the caller's interrupt flag was set afterwards.
 * Bounded waits only.
 */
final class Caller<X> {
  /** A terminal operation. */
  interface Body<X> {
    X run() throws Exception;
  }

  /** Waits, on the test's thread, until the caller is to be interrupted. */
  interface Await {
    void await() throws Exception;
  }

  /** What the operation returned or threw, and the caller's interrupt flag after it. */
  record Result<X>(X value, Throwable thrown, boolean interruptFlag) {}

  private final AtomicReference<X> value = new AtomicReference<>();
  private final AtomicReference<Throwable> thrown = new AtomicReference<>();
  private final AtomicReference<Boolean> flag = new AtomicReference<>();
  private final Thread thread;

  private Caller(Body<X> body) {
    thread =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    value.set(body.run());
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                  flag.set(Thread.interrupted());
                });
  }

  /** Starts {@code body} on a new thread. */
  static <X> Caller<X> start(Body<X> body) {
    return new Caller<>(body);
  }

  /**
   * Runs {@code body} on a new thread; if {@code beforeInterrupt} is not null, interrupts that
   * thread once it returned. Then waits for the caller, as {@link #join}.
   */
  static <X> Result<X> run(Body<X> body, Await beforeInterrupt) throws Exception {
    Caller<X> caller = start(body);
    if (beforeInterrupt != null) {
      beforeInterrupt.await();
      caller.thread.interrupt();
    }
    return caller.join();
  }

  /** Asserts that the caller ends within 30 s, and returns how. */
  Result<X> join() throws InterruptedException {
    thread.join(TimeUnit.SECONDS.toMillis(30));
    assertWithMessage("the caller returned").that(thread.isAlive()).isFalse();
    return new Result<>(value.get(), thrown.get(), flag.get());
  }
}
