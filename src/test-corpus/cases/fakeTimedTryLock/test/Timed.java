package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
class Timed {
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock();
  void branch(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Timed.branch (locks the shared 'lock', Timed.java:12) which holds the lock across HttpClient.send (Client.java:9). Chain: branch (Timed.java:11)
    BoundedWindow.of(5).forEach(ids, id -> {
      if (lock.tryLock(1, TimeUnit.SECONDS)) {
        try {
          client.send(id);
        } finally {
          lock.unlock();
        }
      }
    });
  }
  void guard(String id) throws Exception {
    if (!lock.tryLock(1, TimeUnit.SECONDS)) {
      throw new IllegalStateException("busy");
    }
    try {
      client.send(id);
    } finally {
      lock.unlock();
    }
  }
  void guarded(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Timed.guard (locks the shared 'lock', Timed.java:22) which holds the lock across HttpClient.send (Client.java:9). Chain: guarded (Timed.java:33) -> guard (Timed.java:33)
    BoundedWindow.of(5).forEach(ids, this::guard);
  }
}
