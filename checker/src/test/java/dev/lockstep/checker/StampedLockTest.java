package dev.lockstep.checker;

import static dev.lockstep.checker.ConcurrencyFixtures.CLIENT;
import static dev.lockstep.checker.ConcurrencyFixtures.WINDOW;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@code StampedLock}, the worked example of a new lock shape: its write lock held across a round
 * trip serializes the tasks; its read lock, an optimistic read and a lock of the task's own do not.
 * (A timed {@code tryWriteLock} whose stamp is assigned is not read as a region yet.)
 */
// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class StampedLockTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FakeConcurrency.class, getClass())
          .addSourceLines(CLIENT.path(), CLIENT.text())
          .addSourceLines(WINDOW.path(), WINDOW.text());

  @Test
  void writeLockAcrossARoundTripSerializes() {
    helper
        .addSourceLines(
            "test/Stamped.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
                        import java.util.concurrent.locks.StampedLock;
            class Stamped {
              private final Client client = new Client();
              private final StampedLock lock = new StampedLock();
              void written(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Stamped.written (locks the shared 'lock' write lock, Stamped.java:11) which holds the lock across HttpClient.send (Client.java:9)
                BoundedWindow.of(5).forEach(ids, id -> {
                  long stamp = lock.writeLock();
                  try {
                    client.send(id);
                  } finally {
                    lock.unlockWrite(stamp);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void readLockOptimisticReadAndOwnLockDoNot() {
    helper
        .addSourceLines(
            "test/Stamped.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
                        import java.util.concurrent.locks.StampedLock;
            class Stamped {
              private final Client client = new Client();
              private final StampedLock lock = new StampedLock();
              void read(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  long stamp = lock.readLock();
                  try {
                    client.send(id);
                  } finally {
                    lock.unlockRead(stamp);
                  }
                });
              }
              void optimistic(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  long stamp = lock.tryOptimisticRead();
                  client.send(id);
                  lock.validate(stamp);
                });
              }
              void perTaskLock(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  StampedLock own = new StampedLock();
                  long stamp = own.writeLock();
                  try {
                    client.send(id);
                  } finally {
                    own.unlockWrite(stamp);
                  }
                });
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }
}
