package test;

import java.io.IOException;

/**
 * Removals through a shared client, then a read of what is left; gates that wait until something
 * holds: none is reported.
 */
class Gates {
  private final Tree tree = new Tree();
  private final Remote.Users users = new Remote.Users();
  private final Flags flags = new Flags();

  // Format (delete the children through the tree client), then list what is left (BookKeeper's
  // validateAndNukeExistingCluster): the listing must see the deletes.
  boolean nuke(String root) throws Exception {
    format(root);
    return tree.children(root).isEmpty();
  }

  // The same through a static helper handed the client (ZKUtil.deleteRecursive(zk, path)).
  String wipeThenList(String root) throws Exception {
    wipe(root);
    return tree.children(root);
  }

  // Reset the layout the caller hands over (MSLedgerManagerFactory.format deletes the layout
  // through its parameter), then list the tree: both may be one store.
  boolean nukeLayout(Tree layout, String root) throws Exception {
    reset(layout);
    return tree.children(root).isEmpty();
  }

  // Wait while replication is disabled, then audit (BookKeeper's Auditor): a gate.
  String audit(String id) throws Exception {
    waitIfReplicationDisabled();
    return users.fetch(id);
  }

  // Wait to be the leader, then serve.
  String lead(String id) throws Exception {
    awaitLeadership();
    return users.fetch(id);
  }

  private void format(String root) throws Exception {
    if (!tree.children(root).isEmpty()) {
      tree.delete(root + "/ledgers");
    }
  }

  private void wipe(String root) throws Exception {
    Trees.deleteRecursive(tree, root);
  }

  private void reset(Tree layout) throws Exception {
    layout.removeKey("layout");
  }

  private void waitIfReplicationDisabled() throws Exception {
    if (!flags.enabled()) {
      Thread.sleep(1000);
    }
  }

  private void awaitLeadership() throws Exception {
    flags.leader();
  }

  /** A tree of nodes on a server (a ZooKeeper-like store): one round trip per call. */
  static class Tree {
    private final Client client = new Client();

    String children(String path) throws IOException, InterruptedException {
      return client.send("children/" + path);
    }

    String get(String key) throws IOException, InterruptedException {
      return client.send("get/" + key);
    }

    void delete(String path) throws IOException, InterruptedException {
      client.send("delete/" + path);
    }

    void removeKey(String key) throws IOException, InterruptedException {
      client.send("remove/" + key);
    }
  }

  static final class Trees {
    private Trees() {}

    static void deleteRecursive(Tree tree, String path) throws IOException, InterruptedException {
      tree.delete(path);
    }
  }

  static class Flags {
    private final Client client = new Client();

    boolean enabled() throws IOException, InterruptedException {
      return client.send("flags/replication").equals("on");
    }

    String leader() throws IOException, InterruptedException {
      return client.send("leader");
    }
  }
}
