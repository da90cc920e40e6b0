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
