package dev.lockstep.window;

import java.util.concurrent.atomic.AtomicInteger;

/** A call that runs until the window interrupts it, and counts that it was. */
final class Interrupts {
  private Interrupts() {}

  /**
   * Sleeps up to 10 s; if interrupted, counts it in {@code interrupted} and gives up with the
   * {@link InterruptedException}, as a well-behaved call does.
   */
  static void sleepCounting(AtomicInteger interrupted) throws InterruptedException {
    try {
      Thread.sleep(10_000);
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    }
  }
}
