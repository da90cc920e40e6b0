package test;
import dev.lockstep.window.BoundedWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
class Fine {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private final RelaySession session = new RelaySession();
  private final SessionPool pool = new SessionPool();
  private final Inbox inbox = new Inbox();
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ExecutorService single = Executors.newSingleThreadExecutor();
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final Semaphore permits = new Semaphore(8);
  private final Map<String, String> cache = new ConcurrentHashMap<>();
  private final List<String> log = new ArrayList<>();
  private final Vector<String> vector = new Vector<>();
  private final StringBuffer buffer = new StringBuffer();
  private final DataSource dataSource;
  private volatile String config;
  private int count;
  Fine(DataSource dataSource) { this.dataSource = dataSource; }

  void lockTakenBySubmitter(List<String> ids) {
    synchronized (LOCK) {
      for (String id : ids) {
        workers.submit(() -> client.send(id));
      }
    }
  }
  void shortCriticalSections(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> {
      String body = client.send(id);
      synchronized (LOCK) {
        count++;
        log.add(body);
        cache.put(id, body);
      }
      synchronized (this) {
        System.out.println(body);
      }
      vector.add(body);
      buffer.append(body);
      System.out.println(body);
    });
  }
  void perTaskLocks(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> {
      Object mine = new Object();
      synchronized (mine) {
        client.send(id);
      }
      ReentrantLock own = new ReentrantLock();
      own.lock();
      try {
        client.send(id);
      } finally {
        own.unlock();
      }
    });
    for (String id : ids) {
      workers.submit(new Upload(id));
    }
  }
  void perItemLock(List<ReentrantLock> locks) throws Exception {
    BoundedWindow.of(5).forEach(locks, lock -> {
      synchronized (lock) {
        client.send("x");
      }
    });
  }
  void readLock(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> {
      rw.readLock().lock();
      try {
        client.send(id);
      } finally {
        rw.readLock().unlock();
      }
    });
  }
  void enoughPermits(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> {
      permits.acquire();
      try {
        client.send(id);
      } finally {
        permits.release();
      }
    });
  }
  void declaredWideEnough(List<String> groups) throws Exception {
    BoundedWindow.of(SessionPool.SIZE).forEach(groups, g -> pool.publish(g, "m"));
  }
  String config() throws Exception {
    if (config == null) {
      synchronized (this) {
        if (config == null) {
          config = client.send("config");
        }
      }
    }
    return config;
  }
  private String lazy;
  synchronized String lazy() throws Exception {
    if (lazy == null) {
      lazy = client.send("lazy");
    }
    return lazy;
  }
  void lazyInitialisation(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> client.send(config() + lazy() + id));
  }
  synchronized void submitOnly(String id) {
    client.sendAsync(id);
  }
  void asyncUnderLock(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, this::submitOnly);
  }
  void connectionPerTask(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> {
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement("select 1 where id = ?")) {
        s.setString(1, id);
        s.executeQuery();
      }
    });
  }
  void perBinLocking(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> cache.compute(id, (k, v) -> {
      try {
        return client.send(k);
      } catch (Exception e) {
        return v;
      }
    }));
  }
  void singleThreadIsConfinement(List<String> groups) {
    for (String g : groups) {
      single.submit(() -> { session.publish(g, "m"); return g; });
    }
  }
  void inboxAroundFanOut(List<String> groups) throws Exception {
    String id = inbox.poll();
    try {
      BoundedWindow.of(5).forEach(groups, g -> {
        inbox.ack(g);
        client.send(g);
      });
      inbox.ack(id);
    } catch (RuntimeException e) {
      inbox.nack(id);
    }
  }
}
