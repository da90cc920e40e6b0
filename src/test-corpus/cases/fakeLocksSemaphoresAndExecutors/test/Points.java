package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
class Points {
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final Semaphore one = new Semaphore(1);
  private final ExecutorService single = Executors.newSingleThreadExecutor();
  void locked(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Points.locked (locks the shared 'lock', Points.java:18) which holds the lock across HttpClient.send (Client.java:9). Chain: locked (Points.java:17). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (finer-grained locks, one per key, declared with @ResourceParallelism(n))
    BoundedWindow.of(5).forEach(ids, id -> {
      lock.lock();
      try {
        client.send(id);
      } finally {
        lock.unlock();
      }
    });
  }
  void writeLocked(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: (locks the shared 'rw' write lock, Points.java:29)
    BoundedWindow.of(5).forEach(ids, id -> {
      rw.writeLock().lock();
      try {
        client.send(id);
      } finally {
        rw.writeLock().unlock();
      }
    });
  }
  void semaphoreOfOne(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: (acquires the shared 'one' semaphore of 1 permit, Points.java:40) which holds a permit across HttpClient.send (Client.java:9)
    BoundedWindow.of(5).forEach(ids, id -> {
      one.acquire();
      try {
        client.send(id);
      } finally {
        one.release();
      }
    });
  }
  void singleThreadExecutor(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: (hands work to the shared 'single' executor of 1 thread, Points.java:50) and waits for it with Future.get (Points.java:50)
    BoundedWindow.of(5).forEach(ids, id -> single.submit(() -> client.send(id)).get());
  }
}
