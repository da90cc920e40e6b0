package test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Phases of a life cycle, and state kept through a field's collection: none is reported. */
class Phases {
  private final Remote.Users users = new Remote.Users();
  private final Remote.Orders orders = new Remote.Orders();
  private final Tracker loadBalancer = new Tracker("balancer");
  private final Tracker normalizer = new Tracker("normalizer");
  private final RegionFiles files = new RegionFiles();
  private final RegionFiles archive = new RegionFiles();
  private final Watches watches = new Watches();
  private final Writers writers = new Writers();
  private final Validator validator = new Validator();
  private final Client client = new Client();
  private final Map<String, String> openPools = new HashMap<>();

  // A life-cycle method (HMaster.initializeZKBasedSystemTrackers): run once per process.
  void initializeTrackers(String id) throws Exception {
    users.fetch(id);
    orders.fetch(id);
  }

  // Started in order on purpose: the normalizer may rely on the balancer's state.
  String startTrackersThenServe(String id) throws Exception {
    loadBalancer.start();
    normalizer.start();
    return users.fetch(id);
  }

  // Cleaning one region's directories one after the other (HRegionFileSystem).
  void openRegion() throws Exception {
    files.cleanupTempDir();
    files.cleanupSplitsDir();
  }

  // Produce, then consume what was produced: the test steps of one object are ordered.
  void run(String topic) throws Exception {
    testProduce(topic);
    testConsume(topic);
  }

  // Flush the buffers, then close the writers they flush into (Cassandra's HintsService).
  void drain() throws Exception {
    writers.flushBuffers().get();
    writers.closeAll().get();
  }

  // checkTables keeps what it found in a field's set (HFileContentValidator): what follows may
  // be judged by it.
  Set<String> validate(String root) throws Exception {
    validator.checkTables(root);
    orders.fetch(root + "/archive");
    return validator.corrupted;
  }

  // Write a descriptor into a temporary directory, then move the directory (HBase's
  // CreateTableProcedure): both are handed the directory, and both change it.
  void createThenMove(String tempDir) throws Exception {
    ((RegionFiles) registry()).createDescriptor(tempDir);
    archive.moveDirectory(tempDir);
  }

  private Object registry() {
    return files;
  }

  // Set a watch, then read what it watches (Solr's SecurityNodeWatcher.register): the read relies
  // on the watch being in place, or an update in between is lost.
  void watchThenRead(String node) throws Exception {
    watches.exists(node, this);
    users.fetch(node);
  }

  // Take a host's pool out of the map and close it, then open pools for the hosts the map still
  // holds (Cassandra driver's SessionManager.onDown): the second reads what the first changed.
  void onDown(String host) throws Exception {
    dropPool(host).thenApply(closed -> closed).get();
    updatePools().get();
  }

  CompletableFuture<String> dropPool(String host) {
    openPools.remove(host);
    return client.sendAsync("close/" + host);
  }

  CompletableFuture<String> updatePools() {
    return client.sendAsync("open/" + String.join(",", openPools.keySet()));
  }

  void testProduce(String topic) throws Exception {
    client.send("produce/" + topic);
  }

  void testConsume(String topic) throws Exception {
    client.send("consume/" + topic);
  }

  /** A watcher of one node: starting it reads the node. */
  static class Tracker {
    private final Client client = new Client();
    private final String node;

    Tracker(String node) {
      this.node = node;
    }

    void start() throws Exception {
      client.send("watch/" + node);
    }
  }

  static class RegionFiles {
    private final Client client = new Client();

    void cleanupTempDir() throws Exception {
      client.send("rm/tmp");
    }

    void cleanupSplitsDir() throws Exception {
      client.send("rm/splits");
    }

    void createDescriptor(String dir) throws Exception {
      client.send("create/" + dir + "/descriptor");
    }

    void moveDirectory(String dir) throws Exception {
      client.send("move/" + dir);
    }
  }

  static class Watches {
    private final Client client = new Client();

    boolean exists(String node, Object watcher) throws Exception {
      return !client.send("exists/" + node + "?watch=" + watcher.hashCode()).isEmpty();
    }
  }

  static class Writers {
    private final Client client = new Client();

    CompletableFuture<String> flushBuffers() {
      return client.sendAsync("flush");
    }

    CompletableFuture<String> closeAll() {
      return client.sendAsync("close");
    }
  }

  static class Validator {
    private final Client client = new Client();
    final Set<String> corrupted = new HashSet<>();

    void checkTables(String root) throws Exception {
      String found = client.send("check/" + root);
      if (!found.isEmpty()) {
        corrupted.add(found);
      }
    }
  }
}
