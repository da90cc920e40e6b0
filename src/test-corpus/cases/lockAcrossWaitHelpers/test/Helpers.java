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
    // BUG: Diagnostic contains: MasterConnection.keepAliveMaster synchronizes on 'masterLock' of this object
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

  // BUG: Diagnostic contains: RegionCache.region synchronizes on 'this'
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
    // BUG: Diagnostic contains: TokenCache.fetchLocked synchronizes on 'this'
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

  // BUG: Diagnostic contains: DirectoryRealm.authenticate synchronizes on 'this', the container's one Realm
  public synchronized Principal authenticate(DirContext dir, String username, String credentials)
      throws Exception {
    NamingEnumeration<SearchResult> found =
        dir.search("ou=people", "(uid=" + username + ")", new SearchControls());
    if (!found.hasMore()) {
      return null;
    }
    return () -> username;
  }
}
