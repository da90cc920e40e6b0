package dev.lockstep.window;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls in flight and remembers the most there ever were. */
final class ConcurrencyProbe {
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();

  void enter() {
    int now = current.incrementAndGet();
    max.accumulateAndGet(now, Math::max);
  }

  void exit() {
    current.decrementAndGet();
  }

  int max() {
    return max.get();
  }

  int current() {
    return current.get();
  }
}
