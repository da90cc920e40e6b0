package test;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Guava's annotation, matched by simple name. */
@Retention(RetentionPolicy.CLASS)
@interface VisibleForTesting {}

/** Kafka's KerberosLogin, Apollo's RemoteConfigRepository: one public method takes the lock. */
class RefreshThreadOnly {
  private final Client client = new Client();
  private String ticket;

  public synchronized String relogin() throws Exception {
    ticket = client.send("kdc");
    return ticket;
  }

  private synchronized String ticket() {
    return ticket;
  }

  protected synchronized void sync() throws Exception {
    ticket = client.send("config");
  }
}

/** Every public method that takes the lock makes the round trip: no reader queues behind it. */
class EveryTakerWaits {
  private final Client client = new Client();

  public synchronized String get(String key) throws Exception {
    return client.send(key);
  }

  public synchronized String put(String key) throws Exception {
    return client.send("put " + key);
  }
}

/** HBase's getWAL: double-checked creation through a local copy of the field. */
class WalFactory {
  private final Client client = new Client();
  private volatile String wal;
  private int opened;

  public String getWal() throws Exception {
    String w = this.wal;
    if (w == null) {
      synchronized (this) {
        w = this.wal;
        if (w == null) {
          w = client.send("create wal");
          this.wal = w;
        }
      }
    }
    return w;
  }

  public synchronized int opened() {
    return opened;
  }
}

/** Methods that set the object up, or that only tests call. */
class Configured {
  private final Client client = new Client();
  private String conf = "";

  public synchronized void setConf(String name) throws Exception {
    conf = client.send(name);
  }

  public synchronized void startClient() throws Exception {
    conf = client.send("start");
  }

  public synchronized void loadResources() throws Exception {
    conf = client.send("resources");
  }

  public synchronized void connect() throws Exception {
    conf = client.send("hello");
  }

  public synchronized void refreshForTesting() throws Exception {
    conf = client.send("refresh");
  }

  @VisibleForTesting
  public synchronized void refreshNow() throws Exception {
    conf = client.send("refresh");
  }

  public synchronized String conf() {
    return conf;
  }
}

/** A test double's lock is not the product's. */
class MockRegistry {
  private final Client client = new Client();
  private String last = "";

  public synchronized String lookup(String name) throws Exception {
    last = client.send(name);
    return last;
  }

  public synchronized String last() {
    return last;
  }
}

/** Hadoop's Configuration: resources read through URLs, usually files and jar entries. */
class Settings {
  private final URL resource;
  private byte[] props;

  Settings(URL resource) {
    this.resource = resource;
  }

  public synchronized byte[] props() throws IOException {
    try (InputStream in = resource.openStream()) {
      props = in.readAllBytes();
    }
    return props;
  }

  public synchronized int size() {
    return props == null ? 0 : props.length;
  }
}

/** Jedis 3.7.0: an untimed tryLock does not queue; the write lock only publishes. */
class Rediscovery {
  private final Client client = new Client();
  private final ReentrantLock rediscover = new ReentrantLock();
  private final ReentrantReadWriteLock rwl = new ReentrantReadWriteLock();
  private final Lock r = rwl.readLock();
  private final Lock w = rwl.writeLock();
  private String slots = "";

  public void renewSlots() throws Exception {
    if (rediscover.tryLock()) {
      try {
        String fetched = client.send("cluster slots");
        w.lock();
        try {
          slots = fetched;
        } finally {
          w.unlock();
        }
      } finally {
        rediscover.unlock();
      }
    }
  }

  public String slots() {
    r.lock();
    try {
      return slots;
    } finally {
      r.unlock();
    }
  }
}

/** Kafka's Metadata.awaitUpdate: Object.wait releases the monitor while it waits. */
class VersionWaiter {
  private int version;

  public synchronized void awaitUpdate(int last) throws InterruptedException {
    while (version <= last) {
      wait(100);
    }
  }

  public synchronized void update() {
    version++;
    notifyAll();
  }
}

/** Per-key locks and a lock of another object: not one lock for all callers. */
class PerKey {
  private final Client client = new Client();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Peer peer = new Peer();

  public String fetch(String key) throws Exception {
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      return client.send(key);
    }
  }

  public String ask(String key) throws Exception {
    synchronized (peer.lock) {
      return client.send(key);
    }
  }

  public int count() {
    synchronized (locks.computeIfAbsent("count", k -> new Object())) {
      return locks.size();
    }
  }

  public boolean idle() {
    synchronized (peer.lock) {
      return locks.isEmpty();
    }
  }
}

class Peer {
  final Object lock = new Object();
}

/** A lock taken only on the error path. */
class Reconnecting {
  private final Client client = new Client();
  private String session = "";

  public String call(String id) throws Exception {
    try {
      return client.send(id);
    } catch (IOException e) {
      synchronized (this) {
        session = client.send("reconnect");
        return session;
      }
    }
  }

  public synchronized String session() {
    return session;
  }
}

/** One JAX-RS resource per request: its monitor is never shared. */
@Path("/orders")
class OrdersResource {
  private final Client client = new Client();
  private String last = "";

  @GET
  public synchronized String order(String id) throws Exception {
    last = client.send(id);
    return last;
  }

  public synchronized String last() {
    return last;
  }
}

/** One Netty handler per channel: not @Sharable. */
class PerChannelHandler extends ChannelInboundHandlerAdapter {
  private final Client client = new Client();
  private String last = "";

  @Override
  public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    last = client.send(String.valueOf(msg));
  }

  public synchronized String last() {
    return last;
  }
}

/** PoolUtils.synchronizedPoolableFactory: a wrapper whose purpose is one call at a time. */
class SynchronizedFactory implements org.apache.commons.pool.PoolableObjectFactory {
  private final org.apache.commons.pool.PoolableObjectFactory factory;
  private final Object lock = new Object();

  SynchronizedFactory(org.apache.commons.pool.PoolableObjectFactory factory) {
    this.factory = factory;
  }

  @Override
  public Object makeObject() throws Exception {
    synchronized (lock) {
      return factory.makeObject();
    }
  }

  @Override
  public void destroyObject(Object obj) throws Exception {
    synchronized (lock) {
      factory.destroyObject(obj);
    }
  }

  @Override
  public boolean validateObject(Object obj) {
    synchronized (lock) {
      return factory.validateObject(obj);
    }
  }

  @Override
  public void activateObject(Object obj) throws Exception {
    synchronized (lock) {
      factory.activateObject(obj);
    }
  }

  @Override
  public void passivateObject(Object obj) throws Exception {
    synchronized (lock) {
      factory.passivateObject(obj);
    }
  }
}

/**
 * Kafka's coordinator: ensureCoordinatorReady sets the connection up (a no-op once known), a
 * thread's run loop is one thread, and a wait behind a condition in another method's body
 * (connecting only when not yet connected) is not made every time.
 */
class Coordinator implements Runnable {
  private final Client client = new Client();
  private final Network network = new Network();
  private String coordinator;

  public synchronized void ensureCoordinatorReady() throws Exception {
    while (coordinator == null || coordinator.isEmpty()) {
      coordinator = client.send("find coordinator");
    }
  }

  public synchronized void discoverNodes() throws Exception {
    coordinator = client.send("cluster nodes");
  }

  @Override
  public synchronized void run() {
    try {
      coordinator = client.send("heartbeat");
    } catch (Exception e) {
      coordinator = null;
    }
  }

  public synchronized void poll() throws Exception {
    network.ready("node");
  }

  public synchronized String coordinator() {
    return coordinator;
  }
}

class Network {
  private final Client client = new Client();
  private boolean connected;

  void ready(String node) throws Exception {
    if (!connected) {
      client.send("connect " + node);
      connected = true;
    }
  }
}

/** HBase's TableNamespaceManager: the round trip is in start(), set-up the method triggers. */
class NamespaceTable {
  private final Client client = new Client();
  private int tables;

  public synchronized boolean isAvailable() throws Exception {
    if (tables > 0) {
      start();
      if (tables > 1) {
        client.send("create default namespace");
      }
    }
    return tables > 0;
  }

  private void start() throws Exception {
    client.send("watch namespace");
  }

  public synchronized int tables() {
    return tables;
  }
}
