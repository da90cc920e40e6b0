package dev.lockstep.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One run of a {@link BoundedWindow} over blocking functions: up to {@code k} {@link Lane lanes},
 * each a loop on the executor that pulls an item, calls the function and publishes the outcome. The
 * caller (or the stream's consumer) only starts the first lane and waits; each lane that pulls an
 * item starts one more lane while there are fewer than {@code k}.
 *
 * <p>Why lanes and not a task per item: a task per item pays a submission (for virtual threads, a
 * thread) per item and a hand-off back to a coordinator; a lane pays one submission per run, and a
 * hot item costs a CAS to claim it, a CAS pair for the in-flight count and a plain store of the
 * result. The bound {@code k} holds by construction: there are never more than {@code k} lanes.
 *
 * <p>Cancellation ({@link Failures#cancel}) is one CAS; after it no lane calls the function again,
 * and every lane inside a call is interrupted (see {@link Lane} for the handshake). A pulled item
 * whose call never started is reported cancelled, so every pulled item gets exactly one outcome.
 * The caller then waits for the lanes to end, at most {@code cancelGrace} after the cancellation;
 * lanes still running then are reported as abandoned (suppressed exception).
 *
 * <p>Errors: an {@link Error} from the function, or anything thrown by the input, always fails the
 * run fast, also in collect-all mode, and is what the caller gets (see {@link Failures}).
 */
final class WindowRun<T, R> {
  enum Mode {
    LIST,
    FOR_EACH,
    OUTCOMES,
    STREAM,
  }

  private static final ThreadFactory VIRTUAL =
      Thread.ofVirtual().name("lockstep-window-lane").factory();

  private static final Executor VIRTUAL_THREADS = task -> VIRTUAL.newThread(task).start();

  private final BoundedWindow config;
  private final int k;
  private final boolean ordered;
  private final Mode mode;
  private final Executor executor;
  private final ThrowingFunction<? super T, ? extends R, ?> fn;
  private final ItemSource<T> source;
  private final Slots slots;
  private final StreamBuffer buffer;

  private final AtomicReferenceArray<Lane> lanes;
  private final AtomicInteger lanesStarted = new AtomicInteger();
  private final AtomicInteger lanesLive = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicInteger completionOrder = new AtomicInteger();
  private final AtomicInteger cancelledCount = new AtomicInteger();

  /** The cancellation and the failures; fail fast unless collecting all outcomes. */
  private final Failures failures;

  /** Won by the first {@link #finish}, so that the stats are computed and reported once. */
  private final AtomicBoolean finished = new AtomicBoolean();

  /** The thread waiting in {@link #awaitLanes}, unparked when the last lane ends or on cancel. */
  private volatile Thread waiter;

  // Set by start() before the first lane is submitted, so lanes see them (the submission
  // happens-before the lane runs); never written again.
  private long startNanos;
  private long deadlineNanos;
  private boolean hasDeadline;

  // Confined to the caller's (or the stream consumer's) thread.
  private boolean callerInterrupted;
  private int abandoned;
  private Stats stats; // set once, by finish()

  WindowRun(
      BoundedWindow config,
      Mode mode,
      ItemSource<T> source,
      ThrowingFunction<? super T, ? extends R, ?> fn) {
    this.config = config;
    this.k = config.k();
    this.ordered = config.isOrdered();
    this.mode = mode;
    this.executor = config.executorOrNull() == null ? VIRTUAL_THREADS : config.executorOrNull();
    this.fn = fn;
    this.source = source;
    this.slots = mode == Mode.LIST || mode == Mode.OUTCOMES ? new Slots(source.sizeHint()) : null;
    this.buffer =
        mode == Mode.STREAM ? new StreamBuffer(ordered, k + config.effectiveReorderBuffer()) : null;
    this.lanes = new AtomicReferenceArray<>(k);
    this.failures = new Failures(mode != Mode.OUTCOMES, this::stopInFlight);
  }

  // ---------------------------------------------------------------------------------------------
  // Terminal operations, on the caller's thread.

  /** Fail fast; results in input order if ordered, else in completion order. */
  List<R> list() throws Exception {
    start();
    awaitLanes();
    finish();
    throwIfFailed();
    int n = ordered ? source.pulled() : completionOrder.get();
    @SuppressWarnings("unchecked") // the slots hold only results of fn
    List<R> results = (List<R>) Collections.unmodifiableList(Arrays.asList(slots.toArray(n)));
    return results;
  }

  /** Fail fast, no results. */
  void forEach() throws Exception {
    start();
    awaitLanes();
    finish();
    throwIfFailed();
  }

  /** Collect all: every item's outcome, in input order. */
  Outcomes<T, R> outcomes() {
    start();
    awaitLanes();
    int n = source.pulled();
    Object[] pulled = slots.toArray(n);
    List<Outcome<T, R>> all = new ArrayList<>(n);
    CancelReason reason = failures.reason();
    for (int i = 0; i < n; i++) {
      @SuppressWarnings("unchecked") // the slots hold only outcomes
      Outcome<T, R> o = (Outcome<T, R>) pulled[i];
      if (o == null) {
        // Only a lane that ignored its interrupt past the grace period leaves a hole.
        o = new Outcome.Cancelled<>(abandonedItem(i), reason);
        cancelledCount.incrementAndGet();
      }
      all.add(o);
    }
    if (reason != null && source.finite() && !failures.hasFatal()) {
      // Items of an in-memory collection that were never pulled are listed as cancelled, so the
      // outcomes cover the whole input. A lazy input is not pulled any further.
      Lane drain = new Lane();
      while (source.next(drain) >= 0) {
        @SuppressWarnings("unchecked")
        T item = (T) drain.item;
        all.add(new Outcome.Cancelled<>(item, reason));
        cancelledCount.incrementAndGet();
      }
    }
    finish();
    restoreInterrupt();
    if (failures.hasFatal() || reason == CancelReason.INTERRUPTED) {
      throw Failures.unchecked(failureToThrow());
    }
    return new Outcomes<>(all, stats);
  }

  /** A lazy stream of results; see {@link BoundedWindow#stream}. */
  Stream<R> stream(Runnable closeInput) {
    ResultSpliterator spliterator = new ResultSpliterator();
    return StreamSupport.stream(spliterator, false)
        .onClose(
            () -> {
              try {
                spliterator.close();
              } finally {
                if (closeInput != null) {
                  closeInput.run();
                }
              }
            });
  }

  @SuppressWarnings("ReferenceEquality") // StreamBuffer signals with sentinel objects
  private final class ResultSpliterator implements Spliterator<R> {
    // Confined to the consumer's thread.
    private boolean started;
    private boolean ended;

    @Override
    public boolean tryAdvance(Consumer<? super R> action) {
      if (ended) {
        return false;
      }
      if (!started) {
        started = true;
        start();
      }
      Object v = buffer.take(WindowRun.this, deadlineNanos, hasDeadline);
      if (v == StreamBuffer.END) {
        ended = true;
        awaitLanes();
        finish();
        return false;
      }
      if (v == StreamBuffer.TIMED_OUT) {
        failures.cancel(CancelReason.DEADLINE);
      } else if (v == StreamBuffer.INTERRUPTED) {
        callerInterrupted = true;
        failures.cancel(CancelReason.INTERRUPTED);
      }
      if (v == StreamBuffer.STOPPED
          || v == StreamBuffer.TIMED_OUT
          || v == StreamBuffer.INTERRUPTED) {
        ended = true;
        awaitLanes();
        finish();
        Throwable t = failureToThrow();
        restoreInterrupt();
        throw Failures.unchecked(t);
      }
      @SuppressWarnings("unchecked") // the buffer holds only results of fn
      R r = v == StreamBuffer.NULL ? null : (R) v;
      action.accept(r);
      return true;
    }

    void close() {
      if (started && !ended) {
        ended = true;
        failures.cancel(CancelReason.CLOSED);
        awaitLanes();
        finish();
        restoreInterrupt();
      }
    }

    @Override
    public Spliterator<R> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
      return ordered ? Spliterator.ORDERED : 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle.

  private void start() {
    startNanos = System.nanoTime();
    Duration timeout = config.timeoutOrNull();
    if (timeout != null) {
      hasDeadline = true;
      deadlineNanos = startNanos + saturatedNanos(timeout);
    }
    waiter = Thread.currentThread();
    lanesStarted.set(1);
    startLane(0);
  }

  private void startLane(int i) {
    Lane lane = new Lane();
    lanes.set(i, lane);
    lanesLive.incrementAndGet();
    try {
      executor.execute(() -> runLane(lane));
    } catch (Throwable t) { // a RejectedExecutionException, typically: the run fails
      failures.fatal(t);
      laneEnded();
    }
  }

  private void maybeStartLane() {
    int n = lanesStarted.get();
    if (n < k && source.mayHaveMore() && lanesStarted.compareAndSet(n, n + 1)) {
      // A failed CAS means another lane started one: that is enough for this pull.
      startLane(n);
    }
  }

  private void runLane(Lane lane) {
    lane.bind();
    try {
      while (!failures.isCancelled()) {
        int index;
        try {
          index = mode == Mode.STREAM ? buffer.admit(source, lane, this) : source.next(lane);
        } catch (Throwable t) {
          // The input threw: no more items; those pulled before keep their outcomes.
          failures.fatal(t);
          break;
        }
        if (index < 0) {
          break;
        }
        maybeStartLane();
        runItem(lane, index);
      }
    } finally {
      laneEnded();
    }
  }

  private void runItem(Lane lane, int index) {
    @SuppressWarnings("unchecked") // ItemSource hands out only input items
    T item = (T) lane.item;
    lane.index = index;
    if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
      failures.cancel(CancelReason.DEADLINE);
    }
    lane.enter();
    // Re-read the cancel state after enter(): see Lane.enter for why this order closes the race
    // with cancel().
    CancelReason reason = failures.reason();
    if (reason != null) {
      lane.exit();
      lane.item = null;
      cancelled(index, item, reason);
      return;
    }
    int now = inFlight.incrementAndGet();
    if (now > peakInFlight.get()) {
      peakInFlight.accumulateAndGet(now, Math::max);
    }
    long t0 = System.nanoTime();
    R value = null;
    Throwable error = null;
    try {
      value = fn.apply(item);
    } catch (Throwable t) {
      error = t;
    }
    long took = System.nanoTime() - t0;
    lane.busyNanos += took;
    if (took < lane.minNanos) {
      lane.minNanos = took;
    }
    inFlight.decrementAndGet();
    boolean interruptedByWindow = lane.exit();
    lane.item = null;
    if (error == null) {
      lane.succeeded++;
      succeeded(index, item, value);
    } else if (interruptedByWindow && causedByInterrupt(error)) {
      // The window interrupted this call and it gave up: that is the cancellation, not a failure.
      // Any other exception (it may have been on its way already) stays a failure, so that fail
      // fast attaches it as suppressed.
      cancelled(index, item, failures.reason());
    } else {
      lane.failed++;
      failed(index, item, error);
    }
  }

  private void succeeded(int index, T item, R value) {
    switch (mode) {
      case LIST -> slots.set(ordered ? index : completionOrder.getAndIncrement(), value);
      case OUTCOMES -> slots.set(index, new Outcome.Success<T, R>(item, value));
      case STREAM -> buffer.publish(index, value);
      case FOR_EACH -> {}
    }
  }

  private void failed(int index, T item, Throwable error) {
    if (mode == Mode.OUTCOMES) {
      slots.set(index, new Outcome.Failure<T, R>(item, error));
    }
    failures.failed(error);
  }

  private void cancelled(int index, T item, CancelReason reason) {
    cancelledCount.incrementAndGet();
    if (mode == Mode.OUTCOMES) {
      slots.set(index, new Outcome.Cancelled<T, R>(item, reason));
    }
  }

  /**
   * Run once by the first {@link Failures#cancel}, after its CAS: lanes inside a call are
   * interrupted, and whoever waits is woken.
   */
  private void stopInFlight() {
    // A lane registered after this scan starts after the CAS and sees the reason before it pulls;
    // a lane entering a call right now either sees the reason (Lane.enter) or is seen here.
    for (int i = 0; i < lanes.length(); i++) {
      Lane lane = lanes.get(i);
      if (lane != null) {
        lane.interrupt();
      }
    }
    if (buffer != null) {
      buffer.wakeAll();
    }
    LockSupport.unpark(waiter);
  }

  boolean isCancelled() {
    return failures.isCancelled();
  }

  int lanesLive() {
    return lanesLive.get();
  }

  private void laneEnded() {
    if (lanesLive.decrementAndGet() == 0) {
      if (buffer != null) {
        buffer.wakeAll();
      }
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Waits until every lane ended. Cancels the run on the deadline or when the waiting thread is
   * interrupted (remembering to restore its flag); after a cancellation waits at most the grace
   * period, then gives up on lanes whose calls ignore interruption.
   */
  private void awaitLanes() {
    waiter = Thread.currentThread();
    long graceEnd = 0;
    boolean graceStarted = false;
    while (lanesLive.get() != 0) {
      if (Thread.interrupted()) {
        callerInterrupted = true;
        failures.cancel(CancelReason.INTERRUPTED);
      }
      long now = System.nanoTime();
      if (hasDeadline && now - deadlineNanos >= 0) {
        failures.cancel(CancelReason.DEADLINE);
      }
      if (failures.isCancelled()) {
        if (!graceStarted) {
          graceStarted = true;
          graceEnd = now + saturatedNanos(config.cancelGrace());
        }
        if (now - graceEnd >= 0) {
          abandoned = lanesLive.get();
          return;
        }
        LockSupport.parkNanos(this, graceEnd - now);
      } else if (hasDeadline) {
        LockSupport.parkNanos(this, deadlineNanos - now);
      } else {
        // laneEnded() decrements, then unparks: if it ran between our check and this park, the
        // unpark's permit makes this park return at once.
        LockSupport.park(this);
      }
    }
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    long wall = System.nanoTime() - startNanos;
    long busy = 0;
    long succeeded = 0;
    long failed = 0;
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < lanes.length(); i++) {
      Lane lane = lanes.get(i);
      if (lane != null) { // racy only for abandoned lanes, whose numbers are then approximate
        busy += lane.busyNanos;
        succeeded += lane.succeeded;
        failed += lane.failed;
        fastest = Math.min(fastest, lane.minNanos);
      }
    }
    stats =
        new Stats(
            k,
            succeeded,
            failed,
            cancelledCount.get(),
            peakInFlight.get(),
            Duration.ofNanos(wall),
            Duration.ofNanos(busy),
            Duration.ofNanos(fastest == Long.MAX_VALUE ? 0 : fastest));
    Consumer<? super Stats> listener = config.statsListenerOrNull();
    if (listener != null) {
      listener.accept(stats);
    }
  }

  private T abandonedItem(int index) {
    for (int i = 0; i < lanes.length(); i++) {
      Lane lane = lanes.get(i);
      if (lane != null && lane.index == index) {
        @SuppressWarnings("unchecked")
        T item = (T) lane.item;
        return item;
      }
    }
    return null;
  }

  private void restoreInterrupt() {
    if (callerInterrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Throws what the caller must get, if anything, after restoring its interrupt flag. */
  private void throwIfFailed() throws Exception {
    restoreInterrupt();
    failures.throwIfStopped(config.timeoutOrNull(), stats, abandoned());
  }

  /** What the caller gets once the run was cancelled; see {@link Failures#toThrow}. */
  private Throwable failureToThrow() {
    return failures.toThrow(config.timeoutOrNull(), stats, abandoned());
  }

  private String abandoned() {
    return abandoned == 0
        ? null
        : abandoned
            + " task(s) ignored interruption and still ran "
            + config.cancelGrace()
            + " after the run was cancelled; they were abandoned";
  }

  /** Whether {@code t} is how a call reacts to an interrupt, directly or as a cause. */
  static boolean causedByInterrupt(Throwable t) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof CancellationException) {
        return true;
      }
    }
    return false;
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
