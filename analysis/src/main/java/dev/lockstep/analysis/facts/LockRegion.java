package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A region of code that holds a lock, for the serialization-point analysis ({@code
 * FakeConcurrency}, {@code OversizedWindow}). Front ends report what is locked and how; whether the
 * lock is shared by all tasks of a pipeline is the analysis' judgement, made from {@link #holder()}
 * relative to the scope the region was read in (a method body, or a task's body).
 *
 * @param kind what kind of lock
 * @param lock the source text of the lock expression ({@code this}, {@code LOCK}, {@code permits}),
 *     for diagnostics
 * @param holder what the lock object is, relative to the scope: {@link ReceiverKind#THIS} for a
 *     {@code synchronized} method or {@code synchronized (this)}, {@link ReceiverKind#FIELD} for a
 *     field, {@link ReceiverKind#FRESH} for an object created in the scope, {@link
 *     ReceiverKind#LOOP_ITEM} for one reached from the item; for {@code rw.writeLock().lock()} the
 *     {@code ReadWriteLock} {@code rw}
 * @param isStatic whether the lock object is static: a static field, a class literal, or the class
 *     of a {@code static synchronized} method. One object for the whole program.
 * @param permits for a semaphore or an executor waited on, its permits or threads when the source
 *     states them ({@code new Semaphore(3)}, {@code newSingleThreadExecutor()}); {@code 0} unknown;
 *     {@code 1} for monitors and locks
 * @param location where the region starts (the {@code synchronized} keyword, the {@code lock()}
 *     call, the method)
 * @param holderMethod the method whose body holds the lock
 * @param calls the calls made while the lock is held, relative to the scope
 * @param lazyInit whether every call in the region sits under a lazy-initialisation guard ({@code
 *     if (field == null)} whose branch assigns {@code field}), so the lock is held across them only
 *     until the first caller has initialised the field (double-checked or lazy initialisation)
 */
public record LockRegion(
    Kind kind,
    String lock,
    Receiver holder,
    boolean isStatic,
    int permits,
    Location location,
    MethodRef holderMethod,
    List<CallSite> calls,
    boolean lazyInit) {
  /** What kind of lock a region holds. */
  public enum Kind {
    /** {@code synchronized} method or block. */
    MONITOR,
    /** A {@code java.util.concurrent.locks.Lock} ({@code ReentrantLock}). */
    LOCK,
    /** The read side of a {@code ReadWriteLock}: shared by readers, never a serialization point. */
    READ_LOCK,
    /** The write side of a {@code ReadWriteLock}. */
    WRITE_LOCK,
    /** A {@code Semaphore}: {@link #permits()} holders at once. */
    SEMAPHORE,
    /**
     * Waiting on work submitted to an executor of {@link #permits()} threads ({@code
     * single.submit(task).get()}): the region is the wait itself.
     */
    EXECUTOR
  }

  public LockRegion {
    requireNonNull(kind, "kind");
    requireNonNull(lock, "lock");
    requireNonNull(holder, "holder");
    requireNonNull(location, "location");
    requireNonNull(holderMethod, "holderMethod");
    calls = List.copyOf(calls);
    if (permits < 0) {
      throw new IllegalArgumentException("permits must be >= 0: " + permits);
    }
  }
}
