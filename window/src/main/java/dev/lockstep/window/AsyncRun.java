package dev.lockstep.window;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of {@link BoundedWindow#mapAsync}: the caller's thread pulls items and starts calls while
 * fewer than {@code k} stages are pending, then parks until a stage completes. No thread is used
 * per item: completions run as callbacks on whatever thread completes the stage and only record the
 * outcome and wake the caller, so the caller is the only thread that pulls input or calls the
 * function, and an already-completed stage cannot recurse.
 *
 * <p>Cancellation stops pulling and cancels every pending stage through {@link
 * CompletionStage#toCompletableFuture()} (a stage that does not support it is awaited for the grace
 * period instead). A stage that completes with {@link CancellationException} after the run was
 * cancelled counts as cancelled, not failed.
 */
final class AsyncRun<T, R> {
  private final BoundedWindow config;
  private final int k;
  private final boolean ordered;
  private final ThrowingFunction<? super T, ? extends CompletionStage<? extends R>, ?> fn;
  private final Slots slots;
  private final Thread caller = Thread.currentThread();

  /** Confined to the caller's thread. */
  private final Iterator<? extends T> input;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicInteger completionOrder = new AtomicInteger();
  private final LongAdder busyNanos = new LongAdder();
  private final LongAccumulator fastestNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final ConcurrentHashMap<Integer, CompletableFuture<?>> pending =
      new ConcurrentHashMap<>();
  private final Failures failures = new Failures(true, this::stopInFlight);

  AsyncRun(
      BoundedWindow config,
      Iterable<? extends T> items,
      ThrowingFunction<? super T, ? extends CompletionStage<? extends R>, ?> fn) {
    this.config = config;
    this.k = config.k();
    this.ordered = config.isOrdered();
    this.fn = fn;
    this.input = items.iterator();
    this.slots = new Slots(items instanceof java.util.Collection<?> c ? c.size() : -1);
  }

  List<R> run() throws Exception {
    long start = System.nanoTime();
    Duration timeout = config.timeoutOrNull();
    boolean hasDeadline = timeout != null;
    long deadline = hasDeadline ? start + WindowRun.saturatedNanos(timeout) : 0;
    boolean exhausted = false;
    boolean callerInterrupted = false;
    boolean graceStarted = false;
    long graceEnd = 0;
    int pulled = 0;
    int abandoned = 0;
    while (true) {
      while (!failures.isCancelled() && !exhausted && inFlight.get() < k) {
        T item;
        try {
          if (!input.hasNext()) {
            exhausted = true;
            break;
          }
          item = input.next();
        } catch (Throwable t) {
          failures.fatal(t);
          break;
        }
        launch(pulled++, item);
      }
      if (inFlight.get() == 0 && (exhausted || failures.isCancelled())) {
        break;
      }
      if (Thread.interrupted()) {
        callerInterrupted = true;
        failures.cancel(CancelReason.INTERRUPTED);
        continue;
      }
      long now = System.nanoTime();
      if (hasDeadline && now - deadline >= 0 && failures.cancel(CancelReason.DEADLINE)) {
        continue;
      }
      if (failures.isCancelled()) {
        if (!graceStarted) {
          graceStarted = true;
          graceEnd = now + WindowRun.saturatedNanos(config.cancelGrace());
        }
        if (now - graceEnd >= 0) {
          abandoned = inFlight.get();
          break;
        }
        LockSupport.parkNanos(this, graceEnd - now);
      } else if (hasDeadline) {
        LockSupport.parkNanos(this, deadline - now);
      } else {
        // complete() decrements, then unparks; an unpark before this park leaves a permit.
        LockSupport.park(this);
      }
    }
    Stats stats =
        new Stats(
            k,
            succeeded.sum(),
            failed.sum(),
            cancelled.sum(),
            peakInFlight.get(),
            Duration.ofNanos(System.nanoTime() - start),
            Duration.ofNanos(busyNanos.sum()),
            Duration.ofNanos(fastestNanos.get() == Long.MAX_VALUE ? 0 : fastestNanos.get()));
    if (config.statsListenerOrNull() != null) {
      config.statsListenerOrNull().accept(stats);
    }
    if (callerInterrupted) {
      Thread.currentThread().interrupt();
    }
    failures.throwIfStopped(
        timeout,
        stats,
        abandoned == 0
            ? null
            : abandoned + " stage(s) did not complete within the grace period after cancel");
    int n = ordered ? pulled : completionOrder.get();
    @SuppressWarnings("unchecked") // the slots hold only results of fn
    List<R> results = (List<R>) Collections.unmodifiableList(Arrays.asList(slots.toArray(n)));
    return results;
  }

  private void launch(int index, T item) {
    int now = inFlight.incrementAndGet();
    if (now > peakInFlight.get()) {
      peakInFlight.accumulateAndGet(now, Math::max);
    }
    long t0 = System.nanoTime();
    CompletionStage<? extends R> stage;
    try {
      stage = fn.apply(item);
      if (stage == null) {
        throw new NullPointerException("the function returned no stage for item " + index);
      }
    } catch (Throwable t) {
      complete(index, t0, null, t);
      return;
    }
    CompletableFuture<?> future = null;
    try {
      future = stage.toCompletableFuture();
      pending.put(index, future);
    } catch (UnsupportedOperationException e) {
      // A stage that cannot be cancelled; cancellation waits for it (bounded by the grace).
    }
    stage.whenComplete((v, t) -> complete(index, t0, v, t));
    // cancel() may have scanned the pending stages before this one was added: check again.
    if (future != null && failures.isCancelled()) {
      future.cancel(true);
    }
  }

  private void complete(int index, long t0, R value, Throwable error) {
    long took = System.nanoTime() - t0;
    busyNanos.add(took);
    fastestNanos.accumulate(took);
    pending.remove(index);
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e == null) {
      succeeded.increment();
      slots.set(ordered ? index : completionOrder.getAndIncrement(), value);
    } else if (e instanceof CancellationException && failures.isCancelled()) {
      cancelled.increment();
    } else {
      failed.increment();
      failures.failed(e);
    }
    // Last, so that the caller, seeing the count drop, also sees the outcome recorded above.
    inFlight.decrementAndGet();
    LockSupport.unpark(caller);
  }

  /**
   * Run once by the first {@link Failures#cancel}: cancels the pending stages, wakes the caller.
   */
  private void stopInFlight() {
    for (CompletableFuture<?> f : pending.values()) {
      f.cancel(true);
    }
    LockSupport.unpark(caller);
  }
}
