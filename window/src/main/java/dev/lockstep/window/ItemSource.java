package dev.lockstep.window;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a run's items come from, pulled lazily and concurrently by the lanes. Each item is handed
 * out exactly once, with its input index. A random-access list is claimed by a CAS on a cursor; any
 * other input through its iterator under a lock (iterators are not thread-safe).
 *
 * <p>An exception from the input (its {@code hasNext}, {@code next} or {@code get}) propagates to
 * the lane that pulled and ends the source: no later pull calls the input again.
 */
abstract class ItemSource<T> {

  static <T> ItemSource<T> of(Iterable<? extends T> items) {
    if (items instanceof List<? extends T> list && items instanceof RandomAccess) {
      return new ListSource<>(list);
    }
    return new IteratorSource<>(
        items.iterator(),
        items instanceof Collection<?> c ? c.size() : -1,
        items instanceof Collection);
  }

  static <T> ItemSource<T> of(Iterator<? extends T> items) {
    return new IteratorSource<>(items, -1, false);
  }

  /**
   * Pulls the next item into {@code lane.item} and returns its index, or returns {@code -1} when
   * the input is exhausted (or failed before).
   */
  abstract int next(Lane lane);

  /** Whether another item may follow; a hint used to avoid starting lanes with nothing to do. */
  abstract boolean mayHaveMore();

  /** The number of items handed out so far. */
  abstract int pulled();

  /** The expected number of items, or -1 if unknown. */
  abstract int sizeHint();

  /**
   * Whether the input is an in-memory collection, so that items never pulled can still be listed
   * (as cancelled) after a run stopped early.
   */
  abstract boolean finite();

  /** A random-access list: lanes claim indexes with one CAS, no lock. */
  private static final class ListSource<T> extends ItemSource<T> {
    private final List<? extends T> list;
    private final int size;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile boolean failed;

    ListSource(List<? extends T> list) {
      this.list = list;
      this.size = list.size();
    }

    @Override
    int next(Lane lane) {
      if (failed) {
        return -1;
      }
      int i = cursor.getAndIncrement();
      if (i >= size) {
        // Lanes overshoot the cursor by at most one each, so it cannot overflow.
        return -1;
      }
      try {
        lane.item = list.get(i);
      } catch (RuntimeException | Error e) {
        failed = true;
        throw e;
      }
      return i;
    }

    @Override
    boolean mayHaveMore() {
      return !failed && cursor.get() < size;
    }

    @Override
    int pulled() {
      return Math.min(cursor.get(), size);
    }

    @Override
    int sizeHint() {
      return size;
    }

    @Override
    boolean finite() {
      return true;
    }
  }

  /** Any other input: one iterator, one lock. */
  private static final class IteratorSource<T> extends ItemSource<T> {
    private final ReentrantLock lock = new ReentrantLock();

    @GuardedBy("lock")
    private final Iterator<? extends T> iterator;

    @GuardedBy("lock")
    private int next;

    /** Set under the lock once the iterator is exhausted or threw; read without it as a hint. */
    private volatile boolean done;

    private final int sizeHint;
    private final boolean finite;

    IteratorSource(Iterator<? extends T> iterator, int sizeHint, boolean finite) {
      this.iterator = iterator;
      this.sizeHint = sizeHint;
      this.finite = finite;
    }

    @Override
    int next(Lane lane) {
      lock.lock();
      try {
        if (done) {
          return -1;
        }
        boolean pulledOne = false;
        try {
          if (iterator.hasNext()) {
            lane.item = iterator.next();
            pulledOne = true;
          }
        } finally {
          if (!pulledOne) {
            done = true; // exhausted, or the input threw: never call it again
          }
        }
        return pulledOne ? next++ : -1;
      } finally {
        lock.unlock();
      }
    }

    @Override
    boolean mayHaveMore() {
      return !done;
    }

    @Override
    int pulled() {
      lock.lock();
      try {
        return next;
      } finally {
        lock.unlock();
      }
    }

    @Override
    int sizeHint() {
      return sizeHint;
    }

    @Override
    boolean finite() {
      return finite;
    }
  }
}
