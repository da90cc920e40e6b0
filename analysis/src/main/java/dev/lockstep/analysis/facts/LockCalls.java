package dev.lockstep.analysis.facts;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which calls take a lock or a permit and wait for it, by the method's owners, name and arity: the
 * one decision both front ends make before they read the lock expression, kept here so they cannot
 * drift apart.
 */
public final class LockCalls {
  private static final String LOCK = "java.util.concurrent.locks.Lock";
  private static final String SEMAPHORE = "java.util.concurrent.Semaphore";
  private static final String STAMPED = "java.util.concurrent.locks.StampedLock";
  private static final String READ_LOCK =
      "java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock";
  private static final String WRITE_LOCK =
      "java.util.concurrent.locks.ReentrantReadWriteLock.WriteLock";

  private static final Set<String> LOCK_ACQUIRES = Set.of("lock", "lockInterruptibly");
  private static final Set<String> PERMIT_ACQUIRES = Set.of("acquire", "acquireUninterruptibly");
  private static final String TIMED_LOCK = "tryLock";
  private static final String TIMED_PERMIT = "tryAcquire";

  /**
   * {@code StampedLock}'s acquiring calls name their side themselves and return a stamp: {@code
   * long stamp = sl.writeLock(); try { ... } finally { sl.unlockWrite(stamp); }}. Its optimistic
   * {@code tryOptimisticRead()} takes nothing and waits for nothing.
   */
  private static final Map<String, LockRegion.Kind> STAMPED_ACQUIRES =
      Map.of(
          "writeLock", LockRegion.Kind.WRITE_LOCK,
          "writeLockInterruptibly", LockRegion.Kind.WRITE_LOCK,
          "readLock", LockRegion.Kind.READ_LOCK,
          "readLockInterruptibly", LockRegion.Kind.READ_LOCK);

  private static final Map<String, LockRegion.Kind> STAMPED_TIMED =
      Map.of("tryWriteLock", LockRegion.Kind.WRITE_LOCK, "tryReadLock", LockRegion.Kind.READ_LOCK);

  /** The names of the calls that take a lock or a permit and wait for it, untimed. */
  public static final Set<String> ACQUIRES =
      Stream.of(LOCK_ACQUIRES, PERMIT_ACQUIRES, STAMPED_ACQUIRES.keySet())
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  /** The names of the timed forms, which wait unless the timeout is zero. */
  public static final Set<String> TIMED_ACQUIRES =
      Stream.concat(Stream.of(TIMED_LOCK, TIMED_PERMIT), STAMPED_TIMED.keySet().stream())
          .collect(Collectors.toUnmodifiableSet());

  /** The names of the calls that give a lock or a permit back. */
  public static final Set<String> RELEASES =
      Set.of("unlock", "release", "unlockWrite", "unlockRead");

  /** {@code rw.readLock()} and {@code rw.writeLock()}: a side of a {@code ReadWriteLock}. */
  public static final Set<String> SIDES = Set.of("readLock", "writeLock");

  private LockCalls() {}

  /**
   * Which side of a {@code ReadWriteLock} a lock is: by the call it came from ({@code
   * rw.readLock()}, a name of {@link #SIDES}, or {@code ""}), else by its type. Empty: an exclusive
   * lock.
   *
   * @param side the name of the call that produced the lock, {@code ""} when none did
   * @param lockTypes the lock's type and every supertype, as qualified names
   */
  public static Optional<LockRegion.Kind> side(String side, Set<String> lockTypes) {
    if (side.equals("readLock") || lockTypes.contains(READ_LOCK)) {
      return Optional.of(LockRegion.Kind.READ_LOCK);
    }
    if (side.equals("writeLock") || lockTypes.contains(WRITE_LOCK)) {
      return Optional.of(LockRegion.Kind.WRITE_LOCK);
    }
    return Optional.empty();
  }

  /**
   * What {@code name} takes: {@code lock()}/{@code lockInterruptibly()} a lock, {@code
   * acquire()}/{@code acquireUninterruptibly()} a permit; with {@code timed}, only the forms that
   * wait, {@code tryLock(long, TimeUnit)} and {@code tryAcquire([int,] long, TimeUnit)}. Empty for
   * anything else (an untimed {@code tryLock()} skips a busy lock instead of queueing).
   *
   * @param owners the declaring type and every supertype, as qualified names
   * @param params the resolved method's parameter count
   */
  public static Optional<LockRegion.Kind> acquired(
      Set<String> owners, String name, int params, boolean timed) {
    if (owners.contains(STAMPED)) {
      return Optional.ofNullable(
          timed ? (params == 2 ? STAMPED_TIMED.get(name) : null) : STAMPED_ACQUIRES.get(name));
    }
    boolean lock;
    boolean semaphore;
    if (timed) {
      lock = owners.contains(LOCK) && name.equals(TIMED_LOCK) && params == 2;
      semaphore = owners.contains(SEMAPHORE) && name.equals(TIMED_PERMIT) && params >= 2;
    } else {
      lock = owners.contains(LOCK) && LOCK_ACQUIRES.contains(name);
      semaphore = owners.contains(SEMAPHORE) && PERMIT_ACQUIRES.contains(name);
    }
    if (semaphore) {
      return Optional.of(LockRegion.Kind.SEMAPHORE);
    }
    return lock ? Optional.of(LockRegion.Kind.LOCK) : Optional.empty();
  }
}
