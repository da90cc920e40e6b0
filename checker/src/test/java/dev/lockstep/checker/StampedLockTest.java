package dev.lockstep.checker;

import org.junit.jupiter.api.Test;

/**
 * {@code StampedLock}, the worked example of a new lock shape (the corpus cases {@code
 * fakeStampedLock*}, which the parity test runs through the scanner too): its write lock held
 * across a round trip serializes the tasks; its read lock, an optimistic read and a lock of the
 * task's own do not. (A timed {@code tryWriteLock} whose stamp is assigned is not read as a region
 * yet.)
 */
final class StampedLockTest {
  @Test
  void writeLockAcrossARoundTripSerializes() {
    Corpus.compilation(FakeConcurrency.class, getClass(), "fakeStampedLock").doTest();
  }

  @Test
  void readLockOptimisticReadAndOwnLockDoNot() {
    Corpus.compilation(FakeConcurrency.class, getClass(), "fakeStampedLockNegatives")
        .expectNoDiagnostics()
        .doTest();
  }
}
