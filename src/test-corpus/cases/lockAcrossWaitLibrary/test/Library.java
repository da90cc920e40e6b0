package test;
import java.util.HashMap;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.commons.pool.PoolableObjectFactory;

/**
 * Client-library classes that nothing annotates: every thread that uses the client shares the
 * object, and the class's own locking says it expects them (ADR 0017).
 */
class RouteCache {
  private final Client client = new Client();
  private final Map<String, String> routes = new HashMap<>();
  private long expiresAt;

  /** The refresh, when the routes are stale, runs under the lock the readers of size() queue on. */
  // BUG: Diagnostic contains: RouteCache.route synchronizes on 'this' (Library.java:25) and holds it across a round trip (send at Library.java:27 (if System.nanoTime() > expiresAt) -> HttpClient.send at Client.java:9), while its callers run concurrently: route is public and RouteCache.size takes the same lock (Library.java:33) without a round trip
  public synchronized String route(String topic) throws Exception {
    if (System.nanoTime() > expiresAt) {
      routes.put(topic, client.send(topic));
      expiresAt = System.nanoTime() + 1_000_000_000L;
    }
    return routes.get(topic);
  }

  public synchronized int size() {
    return routes.size();
  }
}

/** The Jedis slot cache: the write lock across the round trip, the readers on the read lock. */
class SlotCache {
  private final Client client = new Client();
  private final ReadWriteLock rwl = new ReentrantReadWriteLock();
  private final Lock r = rwl.readLock();
  private final Lock w = rwl.writeLock();
  private String slots = "";

  public void renewSlots() throws Exception {
    // BUG: Diagnostic contains: SlotCache.renewSlots locks 'w' of this object (Library.java:48) and holds it across a round trip (send at Library.java:50
    w.lock();
    try {
      slots = client.send("cluster slots");
    } finally {
      w.unlock();
    }
  }

  public String slot(int n) {
    r.lock();
    try {
      return slots.substring(n);
    } finally {
      r.unlock();
    }
  }
}

/** commons-pool 1.3: the pool's monitor held across the factory's makeObject. */
class ConnectionPool {
  private final PoolableObjectFactory factory;
  private final java.util.LinkedList<Object> idle = new java.util.LinkedList<>();
  private int active;

  ConnectionPool(PoolableObjectFactory factory) {
    this.factory = factory;
  }

  // BUG: Diagnostic contains: ConnectionPool.borrowObject synchronizes on 'this' (Library.java:77) and holds it across a round trip (PoolableObjectFactory.makeObject at Library.java:81 (if obj == null)), while its callers run concurrently: borrowObject is public and ConnectionPool.returnObject takes the same lock (Library.java:86) without a round trip
  public synchronized Object borrowObject() throws Exception {
    Object obj = idle.poll();
    active++;
    if (obj == null) {
      obj = factory.makeObject();
    }
    return obj;
  }

  public synchronized void returnObject(Object obj) {
    active--;
    idle.add(obj);
  }

  public synchronized int getNumActive() {
    return active;
  }
}

/** Tomcat's JNDIRealm before its connection pool: one directory round trip per login at a time. */
class DirectoryRealm {
  private final Object connectionLock = new Object();
  private DirContext context;
  private int logins;

  public String authenticate(String user) throws Exception {
    // BUG: Diagnostic contains: DirectoryRealm.authenticate synchronizes on 'connectionLock' of this object (Library.java:104) and holds it across a round trip (DirContext.search at Library.java:106), while its callers run concurrently: authenticate is public and DirectoryRealm.logins takes the same lock (Library.java:114) without a round trip
    synchronized (connectionLock) {
      NamingEnumeration<SearchResult> found =
          context.search("ou=people", "(uid={0})", new Object[] {user}, new SearchControls());
      logins++;
      return found.hasMore() ? found.next().getName() : null;
    }
  }

  public int logins() {
    // The readers of the count queue behind a login's round trip.
    synchronized (connectionLock) {
      return logins;
    }
  }
}

/** A static lock two public static methods take. */
final class Registry {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static String cached = "";

  private Registry() {}

  public static String lookup(Client client, String name) throws Exception {
    // BUG: Diagnostic contains: Registry.lookup locks the static 'LOCK' (Library.java:129) and holds it across a round trip (send at Library.java:131
    LOCK.lock();
    try {
      cached = client.send(name);
      return cached;
    } finally {
      LOCK.unlock();
    }
  }

  public static String last() {
    LOCK.lock();
    try {
      return cached;
    } finally {
      LOCK.unlock();
    }
  }
}
