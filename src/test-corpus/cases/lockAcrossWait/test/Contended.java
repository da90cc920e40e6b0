package test;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.annotation.concurrent.ThreadSafe;
/** A class documented thread-safe, and locks the code expects to find busy. */
@ThreadSafe
class Catalog {
  private final Client client = new Client();
  private final ReadWriteLock rw = new ReentrantReadWriteLock();
  public String update(String id) throws Exception {
    // BUG: Diagnostic contains: Catalog.update locks 'rw' of the one @ThreadSafe object (Contended.java:14) and holds it across a round trip (send at Contended.java:16 -> HttpClient.send at Client.java:9), while its callers run concurrently: update is a public method of a class documented @ThreadSafe
    rw.writeLock().lock();
    try {
      return client.send(id);
    } finally {
      rw.writeLock().unlock();
    }
  }
}
class Fetcher {
  private static final ReentrantLock GATE = new ReentrantLock();
  private final Client client = new Client();
  String fetch(String id) throws Exception {
    // BUG: Diagnostic contains: Fetcher.fetch locks the static 'GATE' (Contended.java:27) and holds it across a round trip (send at Contended.java:29 -> HttpClient.send at Client.java:9), while its callers run concurrently: the lock is taken with a timed tryLock, so the code expects another holder
    if (GATE.tryLock(2, TimeUnit.SECONDS)) {
      try {
        return client.send(id);
      } finally {
        GATE.unlock();
      }
    }
    return null;
  }
}
enum Directory {
  INSTANCE;
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock();
  String resolve(String name) throws Exception {
    // BUG: Diagnostic contains: Directory.resolve locks 'lock' of the one enum constant (Contended.java:43) and holds it across a round trip (send at Contended.java:47 -> HttpClient.send at Client.java:9), while its callers run concurrently: the lock is taken with a timed tryLock, so the code expects another holder
    if (!lock.tryLock(1, TimeUnit.SECONDS)) {
      throw new IllegalStateException("busy");
    }
    try {
      return client.send(name);
    } finally {
      lock.unlock();
    }
  }
}
