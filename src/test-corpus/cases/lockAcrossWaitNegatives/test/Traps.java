package test;
import dev.lockstep.annotations.Sequential;
import dev.lockstep.annotations.SerializedResource;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
/** A @Service singleton whose locks are never held across a round trip its callers queue on. */
@Service
class Traps {
  private final Client client = new Client();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final ReadWriteLock rw = new ReentrantReadWriteLock();
  private final Semaphore four = new Semaphore(4);
  private final CountDownLatch ready = new CountDownLatch(1);
  @SerializedResource(reason = "the modem takes one command at a time")
  private final Object modem = new Object();
  private volatile String config;
  private String last;
  private boolean stale;

  /** A short critical section: the round trip is made before the lock is taken. */
  public String shortSection(String id) throws Exception {
    String fetched = client.send(id);
    synchronized (this) {
      last = fetched;
    }
    return fetched;
  }

  /** Double-checked initialisation: the round trip runs under the lock the first time only. */
  public String config() throws Exception {
    if (config == null) {
      synchronized (this) {
        if (config == null) {
          config = client.send("config");
        }
      }
    }
    return config;
  }

  /** Lazy initialisation in a synchronized method: the first caller fetches, the others read. */
  public synchronized String lazy() throws Exception {
    if (last == null) {
      last = client.send("last");
    }
    return last;
  }

  /** A lifecycle method: it runs once, before the callers. */
  public synchronized void start() throws Exception {
    last = client.send("warm-up");
  }

  /** A constructor: no other thread sees the object yet. */
  Traps(Client warmUp) throws Exception {
    synchronized (Traps.class) {
      warmUp.send("register");
    }
  }

  /** Per-key locks: callers of different keys do not wait for each other. */
  public String perKey(String id) throws Exception {
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      return client.send(id);
    }
  }

  /** The lock of a per-connection object handed in: one per caller. */
  public String perConnection(Connection connection, String id) throws Exception {
    synchronized (connection.lock) {
      return connection.client.send(id);
    }
  }

  /** A lock taken only on the error path. */
  public String recover(String id) throws Exception {
    try {
      return client.send(id);
    } catch (IOException e) {
      synchronized (this) {
        return client.send("retry-" + id);
      }
    }
  }

  /** A read lock: readers do not exclude each other. */
  public String read(String id) throws Exception {
    rw.readLock().lock();
    try {
      return client.send(id);
    } finally {
      rw.readLock().unlock();
    }
  }

  /** A lock on a local object: no other caller ever sees it. */
  public String local(String id) throws Exception {
    Object mutex = new Object();
    synchronized (mutex) {
      return client.send(id);
    }
  }

  /** One at a time is the contract, and the lock field says so. */
  public String modem(String command) throws Exception {
    synchronized (modem) {
      return client.send(command);
    }
  }

  /** Four permits: four callers at once, not one. */
  public String four(String id) throws Exception {
    four.acquire();
    try {
      return client.send(id);
    } finally {
      four.release();
    }
  }

  /** A pause under the lock is no round trip. */
  public synchronized void pace() throws InterruptedException {
    Thread.sleep(100);
  }

  /** Waiting for other work under the lock is no round trip either. */
  public synchronized void await() throws InterruptedException {
    ready.await();
  }

  /** A round trip only when stale: not what each caller costs. */
  public synchronized String whenStale(String id) throws Exception {
    if (stale) {
      last = client.send(id);
    }
    return last;
  }

  /** A scheduled refresh: one scheduler thread by default, no concurrent callers. */
  @Scheduled(fixedDelay = 1000)
  public synchronized void refresh() throws Exception {
    last = client.send("refresh");
  }

  /** Declared sequential. */
  @Sequential(reason = "the ledger must see one posting at a time")
  public synchronized String post(String entry) throws Exception {
    return client.send(entry);
  }

  /** Suppressed. */
  @SuppressWarnings("LockHeldAcrossWait")
  public synchronized String suppressed(String id) throws Exception {
    return client.send(id);
  }
}
/** One per connection: its lock is not shared by the callers of other connections. */
class Connection {
  final Object lock = new Object();
  final Client client = new Client();
  public synchronized String call(String id) throws Exception {
    return client.send(id);
  }
}
