package dev.lockstep.window;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One of at most {@code k} workers of a {@link WindowRun}: a loop that pulls an item, calls the
 * function, publishes the outcome, and pulls again. A run never has more than {@code k} lanes, so
 * it never has more than {@code k} calls in flight; a lane costs one task submission per run, not
 * per item.
 *
 * <p>The lane also owns the interrupt handshake with its run's cancellation ({@link
 * Failures#cancel}), the same one {@code FutureTask} uses: the canceller interrupts the lane's
 * thread only while the lane is inside the function ({@code RUNNING → INTERRUPTING → INTERRUPTED}),
 * and the lane, on leaving the function, waits out an interrupt in progress and clears it. So an
 * interrupt meant for one call never leaks into the next call, nor into the next task of a pooled
 * thread.
 */
final class Lane {
  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int INTERRUPTING = 2;
  private static final int INTERRUPTED = 3;

  private final AtomicInteger state = new AtomicInteger(IDLE);

  /** The lane's thread, set once when the lane starts, before it first enters a call. */
  private volatile Thread runner;

  // The fields below are confined to the lane's thread. The run reads them only after the lane
  // ended, which the lane publishes by decrementing WindowRun.lanesLive (a volatile write that the
  // reader's volatile read of zero synchronizes with).

  /** Time this lane spent inside calls. */
  long busyNanos;

  /** The shortest call. */
  long minNanos = Long.MAX_VALUE;

  /** Calls that returned. */
  long succeeded;

  /** Calls that threw on their own (not after the window interrupted them). */
  long failed;

  /** Hand-off from {@link ItemSource#next} to the loop, so that pulling allocates nothing. */
  Object item;

  /** The index of {@link #item}. */
  int index = -1;

  void bind() {
    runner = Thread.currentThread();
  }

  /**
   * Marks the lane as inside a call. The caller must re-check the run's cancel state after this
   * write: that order (write state, read cancel) against the canceller's (write cancel, read state)
   * guarantees that either the lane sees the cancellation and does not call, or the canceller sees
   * {@code RUNNING} and interrupts.
   */
  void enter() {
    state.set(RUNNING);
  }

  /**
   * Marks the lane as outside a call and returns whether the window interrupted the call. If it
   * did, the interrupt flag is cleared here, after any interrupt in flight has landed.
   */
  boolean exit() {
    if (state.compareAndSet(RUNNING, IDLE)) {
      return false;
    }
    // The canceller won the race. Wait until its interrupt() has returned, so that clearing the
    // flag below cannot be overtaken by a late interrupt.
    while (state.get() == INTERRUPTING) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    state.set(IDLE);
    return true;
  }

  /** Interrupts the lane's thread if, and only if, it is inside a call. */
  void interrupt() {
    if (state.compareAndSet(RUNNING, INTERRUPTING)) {
      try {
        Thread t = runner;
        if (t != null) {
          t.interrupt();
        }
      } finally {
        state.set(INTERRUPTED);
      }
    }
  }
}
