package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
class Skip {
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock();
  private final Semaphore one = new Semaphore(1);
  void refreshIfIdle(List<String> ids) throws Exception {
    // A busy lock means another task refreshes: this one moves on, nobody queues.
    BoundedWindow.of(5).forEach(ids, id -> {
      if (lock.tryLock()) {
        try {
          client.send(id);
        } finally {
          lock.unlock();
        }
      }
      if (one.tryAcquire()) {
        try {
          client.send(id);
        } finally {
          one.release();
        }
      }
    });
  }
}
