package test;
import java.security.Principal;
import org.apache.catalina.Realm;
import org.apache.hbase.thirdparty.com.google.protobuf.ServiceException;
import test.proto.MasterProtos.MasterService;

/** HBase 2.5.3: the liveness RPC is made before the lock, and again under it only if it failed. */
class CheckedMasterConnection {
  private final Object masterLock = new Object();
  private MasterService.BlockingInterface stub;
  private int users;

  public MasterService.BlockingInterface getMaster() throws Exception {
    return keepAliveMaster();
  }

  private MasterService.BlockingInterface keepAliveMaster() throws Exception {
    if (!connectedAndRunning()) {
      synchronized (masterLock) {
        if (!connectedAndRunning()) {
          stub = MasterService.newBlockingStub(null);
        }
        users++;
      }
    }
    return stub;
  }

  private boolean connectedAndRunning() {
    try {
      return stub != null && "true".equals(stub.isMasterRunning(null, "running?"));
    } catch (Exception e) {
      return false;
    }
  }

  void releaseMaster() {
    synchronized (masterLock) {
      --users;
    }
  }
}

/** A server's own implementation of the interface: the call runs in process, not over a channel. */
class LocalMasterServices implements MasterService.BlockingInterface {
  @Override
  public String isMasterRunning(Object controller, String request) {
    return "true";
  }

  @Override
  public String getTable(Object controller, String request) {
    return request;
  }
}

class InProcessMaster {
  private final LocalMasterServices services = new LocalMasterServices();
  private String last = "";

  public synchronized String table(String name) throws ServiceException {
    last = services.getTable(null, name);
    return last;
  }

  public synchronized String last() {
    return last;
  }
}

/** Private helpers that hold the lock across a round trip, but no public method calls them. */
class UnreachedHelpers {
  private final Client client = new Client();
  private String value = "";

  UnreachedHelpers() throws Exception {
    fetchLocked(); // the constructor: set-up
  }

  public void close() throws Exception {
    fetchLocked(); // a one-shot method
  }

  public Runnable later() {
    return () -> {
      try {
        fetchLocked(); // run later, by whoever runs the task
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private String fetchLocked() throws Exception {
    synchronized (this) {
      value = client.send("value");
      return value;
    }
  }

  public synchronized String value() {
    return value;
  }
}

/** A private helper a public method reaches, but nothing else takes its lock without waiting. */
class OnlyWaitingTakers {
  private final Client client = new Client();
  private String value = "";

  public String value() throws Exception {
    return fetchLocked();
  }

  private String fetchLocked() throws Exception {
    synchronized (this) {
      value = client.send("value");
      return value;
    }
  }

  private void reset() {
    synchronized (this) {
      value = "";
    }
  }

  OnlyWaitingTakers() {
    reset();
  }
}

/** A Realm whose request method does not wait; its round trip is in a one-shot method. */
class QuietRealm implements Realm {
  private final Client client = new Client();
  private String users = "";

  @Override
  public synchronized Principal authenticate(String username, String credentials) {
    return users.contains(username) ? () -> username : null;
  }

  public synchronized void startInternal() throws Exception {
    users = client.send("users");
  }
}

/** A Realm's lock across a round trip in a method that is not a request method. */
class RefreshingRealm implements Realm {
  private final Client client = new Client();
  private String users = "";

  @Override
  public Principal authenticate(String username, String credentials) {
    return users.contains(username) ? () -> username : null;
  }

  public synchronized void backgroundProcess() throws Exception {
    users = client.send("users");
  }
}

/** HBase's SnapshotManager: the working directory is claimed under the lock that checks none runs. */
class SnapshotClaims {
  private final org.apache.hadoop.fs.FileSystem fs;
  private final java.util.Set<String> running = new java.util.HashSet<>();

  SnapshotClaims(org.apache.hadoop.fs.FileSystem fs) {
    this.fs = fs;
  }

  public void takeSnapshot(String table) throws Exception {
    claim(table);
  }

  private synchronized void claim(String table) throws Exception {
    running.add(table);
    fs.delete(new org.apache.hadoop.fs.Path("/snapshots/" + table), true);
  }

  public synchronized boolean isTakingSnapshot(String table) {
    return running.contains(table);
  }
}

/** HBase's HBaseReplicationEndpoint: the only other taker is a protected hook for subclasses. */
class PeerEndpoint {
  private final Client client = new Client();
  private String peer = "";

  public synchronized String peerId() throws Exception {
    peer = client.send("peer");
    return peer;
  }

  protected synchronized String peer() {
    return peer;
  }
}
