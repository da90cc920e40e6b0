package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
class NoWait {
  private static final long NO_WAIT = 0L;
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Semaphore one = new Semaphore(1, true);
  void refreshIfIdle(List<String> ids) throws Exception {
    // A zero timeout returns at once (honouring fairness): a busy lock is skipped.
    BoundedWindow.of(5).forEach(ids, id -> {
      if (lock.tryLock(0, TimeUnit.SECONDS)) {
        try {
          client.send(id);
        } finally {
          lock.unlock();
        }
      }
      if (!one.tryAcquire(1, NO_WAIT, TimeUnit.SECONDS)) {
        return;
      }
      try {
        client.send(id);
      } finally {
        one.release();
      }
    });
  }
}
