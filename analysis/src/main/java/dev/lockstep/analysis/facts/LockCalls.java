package dev.lockstep.analysis.facts;

import java.util.Optional;
import java.util.Set;

/**
 * Which calls take a lock or a permit and wait for it, by the method's owners, name and arity: the
 * one decision both front ends make before they read the lock expression, kept here so they cannot
 * drift apart.
 */
public final class LockCalls {
  private static final String LOCK = "java.util.concurrent.locks.Lock";
  private static final String SEMAPHORE = "java.util.concurrent.Semaphore";

  private LockCalls() {}

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
    boolean lock;
    boolean semaphore;
    if (timed) {
      lock = owners.contains(LOCK) && name.equals("tryLock") && params == 2;
      semaphore = owners.contains(SEMAPHORE) && name.equals("tryAcquire") && params >= 2;
    } else {
      lock = owners.contains(LOCK) && (name.equals("lock") || name.equals("lockInterruptibly"));
      semaphore =
          owners.contains(SEMAPHORE)
              && (name.equals("acquire") || name.equals("acquireUninterruptibly"));
    }
    if (semaphore) {
      return Optional.of(LockRegion.Kind.SEMAPHORE);
    }
    return lock ? Optional.of(LockRegion.Kind.LOCK) : Optional.empty();
  }
}
