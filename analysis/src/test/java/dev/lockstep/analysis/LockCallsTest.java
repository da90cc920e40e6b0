package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.LockRegion;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class LockCallsTest {
  private static final Set<String> LOCK =
      Set.of("java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.Lock");
  private static final Set<String> SEMAPHORE = Set.of("java.util.concurrent.Semaphore");

  @Test
  void untimedFormsThatWait() {
    assertThat(LockCalls.acquired(LOCK, "lock", 0, false)).hasValue(LockRegion.Kind.LOCK);
    assertThat(LockCalls.acquired(LOCK, "lockInterruptibly", 0, false))
        .hasValue(LockRegion.Kind.LOCK);
    assertThat(LockCalls.acquired(SEMAPHORE, "acquire", 1, false))
        .hasValue(LockRegion.Kind.SEMAPHORE);
    assertThat(LockCalls.acquired(SEMAPHORE, "acquireUninterruptibly", 0, false))
        .hasValue(LockRegion.Kind.SEMAPHORE);
  }

  @Test
  void timedFormsWaitOnlyWithATimeout() {
    assertThat(LockCalls.acquired(LOCK, "tryLock", 2, true)).hasValue(LockRegion.Kind.LOCK);
    assertThat(LockCalls.acquired(LOCK, "tryLock", 0, true)).isEmpty();
    assertThat(LockCalls.acquired(SEMAPHORE, "tryAcquire", 3, true))
        .hasValue(LockRegion.Kind.SEMAPHORE);
    assertThat(LockCalls.acquired(SEMAPHORE, "tryAcquire", 1, true)).isEmpty();
    // A timed read asks for the timed forms only.
    assertThat(LockCalls.acquired(LOCK, "lock", 0, true)).isEmpty();
    assertThat(LockCalls.acquired(LOCK, "tryLock", 2, false)).isEmpty();
  }

  @Test
  void stampedLocksNameTheirSide() {
    Set<String> stamped = Set.of("java.util.concurrent.locks.StampedLock", "java.lang.Object");
    assertThat(LockCalls.acquired(stamped, "writeLock", 0, false))
        .hasValue(LockRegion.Kind.WRITE_LOCK);
    assertThat(LockCalls.acquired(stamped, "readLockInterruptibly", 0, false))
        .hasValue(LockRegion.Kind.READ_LOCK);
    assertThat(LockCalls.acquired(stamped, "tryWriteLock", 2, true))
        .hasValue(LockRegion.Kind.WRITE_LOCK);
    // No timeout: returns 0 at once when the lock is busy. An optimistic read takes nothing.
    assertThat(LockCalls.acquired(stamped, "tryWriteLock", 0, true)).isEmpty();
    assertThat(LockCalls.acquired(stamped, "tryOptimisticRead", 0, false)).isEmpty();
    assertThat(LockCalls.acquired(stamped, "lock", 0, false)).isEmpty();
    assertThat(LockCalls.RELEASES).containsAtLeast("unlockWrite", "unlockRead");
  }

  @Test
  void theOwnerDecides() {
    assertThat(LockCalls.acquired(Set.of("com.acme.Gate"), "acquire", 0, false)).isEmpty();
    assertThat(LockCalls.acquired(SEMAPHORE, "lock", 0, false)).isEmpty();
  }
}
