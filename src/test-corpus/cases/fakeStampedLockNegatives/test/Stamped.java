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
