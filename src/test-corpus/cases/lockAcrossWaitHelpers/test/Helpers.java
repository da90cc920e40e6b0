package test;
import java.security.Principal;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.apache.catalina.Realm;
import test.proto.MasterProtos.MasterService;
import test.proto.TableProtos.TableService;

/**
 * HBase 2.5.2's ConnectionImplementation: the master lock is taken in a private helper that the
 * public getMaster calls, and held across the liveness RPC of a protobuf stub (shaded).
 */
class MasterConnection {
  private final Object masterLock = new Object();
  private final MasterState state = new MasterState();

  public MasterService.BlockingInterface getMaster() throws Exception {
    return keepAliveMaster();
  }

  private MasterService.BlockingInterface keepAliveMaster() throws Exception {
    // BUG: Diagnostic contains: MasterConnection.keepAliveMaster synchronizes on 'masterLock' of this object (Helpers.java:25) and holds it across a round trip (connectedAndRunning at Helpers.java:26 -> isMasterRunning at Helpers.java:39 (if mss.stub != null) -> protobuf blocking stub.isMasterRunning at Helpers.java:60), while its callers run concurrently: keepAliveMaster is called by the public MasterConnection.getMaster (Helpers.java:20) and MasterConnection.releaseMaster takes the same lock (Helpers.java:50) without a round trip
    synchronized (masterLock) {
      if (!connectedAndRunning(state)) {
        state.stub = makeStub();
      }
      state.users++;
    }
    return state.stub;
  }

  private boolean connectedAndRunning(MasterState mss) {
    if (mss.stub == null) {
      return false;
    }
    try {
      return mss.isMasterRunning();
    } catch (Exception e) {
      return false;
    }
  }

  private MasterService.BlockingInterface makeStub() {
    return MasterService.newBlockingStub(null);
  }

  void releaseMaster(MasterState mss) {
    synchronized (masterLock) {
      --mss.users;
    }
  }

  static final class MasterState {
    MasterService.BlockingInterface stub;
    int users;

    boolean isMasterRunning() throws Exception {
      return "true".equals(stub.isMasterRunning(null, "running?"));
    }
  }
}

/** An unshaded protobuf stub called under the lock a getter takes too. */
class RegionCache {
  private final TableService.BlockingInterface stub;
  private String last = "";

  RegionCache(TableService.BlockingInterface stub) {
    this.stub = stub;
  }

  // BUG: Diagnostic contains: RegionCache.region synchronizes on 'this' (Helpers.java:75) and holds it across a round trip (protobuf blocking stub.getRegion at Helpers.java:76), while its callers run concurrently: region is public and RegionCache.last takes the same lock (Helpers.java:80) without a round trip
  public synchronized String region(String row) throws Exception {
    last = stub.getRegion(null, row);
    return last;
  }

  public synchronized String last() {
    return last;
  }
}

/** A private helper two calls below the public method; a private reader the public size() calls. */
class TokenCache {
  private final Client client = new Client();
  private String token = "";

  public String token() throws Exception {
    return refresh();
  }

  private String refresh() throws Exception {
    return fetchLocked();
  }

  private String fetchLocked() throws Exception {
    // BUG: Diagnostic contains: TokenCache.fetchLocked synchronizes on 'this' (Helpers.java:100) and holds it across a round trip (send at Helpers.java:101 -> HttpClient.send at Client.java:9), while its callers run concurrently: fetchLocked is called by the public TokenCache.token (Helpers.java:91) and TokenCache.read takes the same lock (Helpers.java:111) without a round trip
    synchronized (this) {
      token = client.send("token");
      return token;
    }
  }

  public int size() {
    return read().length();
  }

  private String read() {
    synchronized (this) {
      return token;
    }
  }
}

/** Tomcat's JNDIRealm before 9.0.39: the realm's monitor across the LDAP search of every login. */
class DirectoryRealm implements Realm {
  private final DirContext context;
  private String userSearch = "(uid={0})";

  DirectoryRealm(DirContext context) {
    this.context = context;
  }

  @Override
  public Principal authenticate(String username, String credentials) {
    try {
      return authenticate(context, username, credentials);
    } catch (Exception e) {
      return null;
    }
  }

  // BUG: Diagnostic contains: DirectoryRealm.authenticate synchronizes on 'this', the container's one Realm (Helpers.java:136) and holds it across a round trip (findUser at Helpers.java:138 -> DirContext.search at Helpers.java:150 (if !userSearch.isEmpty())), while its callers run concurrently: authenticate is a Realm's request method: the container's authenticators call it on every request thread
  public synchronized Principal authenticate(DirContext dir, String username, String credentials)
      throws Exception {
    if (!findUser(dir, username)) {
      return null;
    }
    return () -> username;
  }

  /** Which search runs is configuration; that one does is not. */
  protected boolean findUser(DirContext dir, String username) throws Exception {
    if (userSearch.isEmpty()) {
      return false;
    }
    NamingEnumeration<SearchResult> found =
        dir.search("ou=people", userSearch.replace("{0}", username), new SearchControls());
    return found.hasMore();
  }
}

/** Jedis 3.6.2: a busy flag tested twice is not a double-check; the readers still queue. */
class SlotRenewer {
  private final Client client = new Client();
  private final java.util.concurrent.locks.ReentrantReadWriteLock rwl =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final java.util.concurrent.locks.Lock r = rwl.readLock();
  private final java.util.concurrent.locks.Lock w = rwl.writeLock();
  private volatile boolean rediscovering;
  private String slots = "";

  public void renewSlots() throws Exception {
    if (!rediscovering) {
      try {
        // BUG: Diagnostic contains: SlotRenewer.renewSlots locks 'w' of this object
        w.lock();
        if (!rediscovering) {
          rediscovering = true;
          try {
            slots = client.send("cluster slots");
          } finally {
            rediscovering = false;
          }
        }
      } finally {
        w.unlock();
      }
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
