package dev.lockstep.window;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between the lanes of a streaming run and its one consumer. It is what keeps
 * a stream's memory {@code O(k + reorderBuffer)} whatever the input's size: a lane may pull item
 * {@code i} only while {@code i - released < window}, where {@code released} counts results the
 * consumer took and {@code window = k + reorderBuffer}. At most {@code k} of those are in flight
 * (there are at most {@code k} lanes), so at most {@code window} results wait for the consumer.
 *
 * <p>Ordered: result {@code i} goes to slot {@code i % window} and the consumer takes slots in
 * index order, so one slow item holds back at most {@code reorderBuffer} finished results while the
 * other {@code k - 1} lanes keep running. An ordered stream stalls only when the reorder buffer is
 * full; in-flight calls are not what is counted, which is the collapse of {@code
 * flatMapSequential}. Unordered: results go to slots in completion order.
 */
final class StreamBuffer {
  /** Stands for a {@code null} result in the ring, where {@code null} means "not yet". */
  static final Object NULL = new Object();

  /** {@link #take} outcomes other than a value. */
  static final Object END = new Object();

  static final Object STOPPED = new Object();
  static final Object TIMED_OUT = new Object();
  static final Object INTERRUPTED = new Object();

  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when the consumer released a slot, and on cancellation. */
  private final Condition room = lock.newCondition();

  /** Signalled when the result the consumer waits for arrived, a lane ended, or on cancel. */
  private final Condition ready = lock.newCondition();

  private final boolean ordered;
  private final int window;

  @GuardedBy("lock")
  private final Object[] ring;

  @GuardedBy("lock")
  private long released;

  @GuardedBy("lock")
  private long completed;

  StreamBuffer(boolean ordered, int window) {
    this.ordered = ordered;
    this.window = window;
    this.ring = new Object[window];
  }

  /**
   * Waits for room, then pulls the next item from {@code source} into {@code lane.item} under the
   * buffer's lock, so that an index is handed out only with room for its result. Returns the index,
   * or -1 if the input is exhausted or the run was cancelled.
   */
  int admit(ItemSource<?> source, Lane lane, WindowRun<?, ?> run) {
    lock.lock();
    try {
      while (source.pulled() - released >= window && !run.isCancelled()) {
        // Lanes are interrupted only inside calls (see Lane), never here; cancel() signals room.
        room.awaitUninterruptibly();
      }
      return run.isCancelled() ? -1 : source.next(lane);
    } finally {
      lock.unlock();
    }
  }

  void publish(int index, Object value) {
    Object v = value == null ? NULL : value;
    lock.lock();
    try {
      if (ordered) {
        ring[index % window] = v;
        if (index == released) {
          ready.signal();
        }
      } else {
        ring[(int) (completed++ % window)] = v;
        ready.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes everybody: a lane ended, or the run was cancelled. */
  void wakeAll() {
    lock.lock();
    try {
      room.signalAll();
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next result ({@link #NULL} for {@code null}), or {@link #END}, {@link #STOPPED} (the run
   * was cancelled or failed), {@link #TIMED_OUT} (the deadline passed), {@link #INTERRUPTED} (the
   * consumer was interrupted; its flag is cleared).
   */
  Object take(WindowRun<?, ?> run, long deadlineNanos, boolean hasDeadline) {
    lock.lock();
    try {
      while (true) {
        if (run.isCancelled()) {
          return STOPPED;
        }
        int slot = (int) (released % window);
        Object v = ring[slot];
        if (v != null && (ordered || released < completed)) {
          ring[slot] = null;
          released++;
          room.signal();
          return v;
        }
        if (run.lanesLive() == 0) {
          // Every lane publishes before it ends, and the lanesLive decrement is followed by
          // wakeAll() under this lock, so nothing can arrive any more.
          return END;
        }
        try {
          if (hasDeadline) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
              return TIMED_OUT;
            }
            ready.await(left, TimeUnit.NANOSECONDS);
          } else {
            ready.await();
          }
        } catch (InterruptedException e) {
          return INTERRUPTED;
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
