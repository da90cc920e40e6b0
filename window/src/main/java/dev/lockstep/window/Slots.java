package dev.lockstep.window;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A growable array of results written concurrently at distinct indexes by the lanes and read by the
 * caller once every lane ended. Chunks of 1024 slots are allocated on demand, so the input's size
 * need not be known in advance and a run never copies results while it runs.
 *
 * <p>Slot writes are plain: the reader reads only after the lanes ended, and each lane's end
 * happens-before the reader (see {@code WindowRun.lanesLive}). The directory and the chunk
 * references are published through volatile reads and writes, because a lane may find its chunk
 * created by another lane.
 */
final class Slots {
  private static final int BITS = 10;
  private static final int CHUNK = 1 << BITS;
  private static final int MASK = CHUNK - 1;

  private final Object growLock = new Object();

  /**
   * Replaced only under {@link #growLock}, so that two lanes growing it at once lose no chunk; read
   * without the lock, through this volatile field (the lock-free fast path of {@link #set}).
   */
  private volatile AtomicReferenceArray<Object[]> directory;

  Slots(int sizeHint) {
    int chunks = sizeHint > 0 ? ((sizeHint - 1) >>> BITS) + 1 : 4;
    directory = new AtomicReferenceArray<>(chunks);
  }

  void set(int index, Object value) {
    AtomicReferenceArray<Object[]> dir = directory;
    int c = index >>> BITS;
    Object[] chunk = c < dir.length() ? dir.get(c) : null;
    if (chunk == null) {
      chunk = grow(c);
    }
    chunk[index & MASK] = value;
  }

  private Object[] grow(int c) {
    synchronized (growLock) {
      AtomicReferenceArray<Object[]> dir = directory;
      if (c >= dir.length()) {
        AtomicReferenceArray<Object[]> bigger =
            new AtomicReferenceArray<>(Math.max(c + 1, dir.length() * 2));
        for (int i = 0; i < dir.length(); i++) {
          bigger.set(i, dir.get(i));
        }
        directory = dir = bigger;
      }
      Object[] chunk = dir.get(c);
      if (chunk == null) {
        chunk = new Object[CHUNK];
        dir.set(c, chunk);
      }
      return chunk;
    }
  }

  /** The first {@code n} slots, in index order; only once no lane writes any more. */
  Object[] toArray(int n) {
    Object[] out = new Object[n];
    AtomicReferenceArray<Object[]> dir = directory;
    for (int c = 0, from = 0; from < n; c++, from += CHUNK) {
      Object[] chunk = c < dir.length() ? dir.get(c) : null;
      int len = Math.min(CHUNK, n - from);
      if (chunk != null) {
        System.arraycopy(chunk, 0, out, from, len);
      } else {
        Arrays.fill(out, from, from + len, null);
      }
    }
    return out;
  }
}
