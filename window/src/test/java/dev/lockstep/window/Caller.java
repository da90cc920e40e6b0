package dev.lockstep.window;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a terminal operation on a fresh platform thread, as its caller, interrupts that thread if
 * asked to, and reports how the operation ended and whether the caller's interrupt flag was set
 * afterwards. Bounded waits only.
 */
final class Caller {
  private Caller() {}

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

  /**
   * Runs {@code body} on a new thread; if {@code beforeInterrupt} is not null, interrupts that
   * thread once it returned. Asserts that the caller ends within 30 s.
   */
  static <X> Result<X> run(Body<X> body, Await beforeInterrupt) throws Exception {
    AtomicReference<X> value = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
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
    if (beforeInterrupt != null) {
      beforeInterrupt.await();
      caller.interrupt();
    }
    caller.join(TimeUnit.SECONDS.toMillis(30));
    assertWithMessage("the caller returned").that(caller.isAlive()).isFalse();
    return new Result<>(value.get(), thrown.get(), flag.get());
  }
}
