package test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.apache.bookkeeper.net.BookieId;
import org.apache.bookkeeper.proto.BookieClient;
import org.apache.bookkeeper.proto.BookkeeperInternalCallbacks.ReadEntryCallback;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.ZooKeeper;

// Catalogued requests whose reply comes to a callback, one per item of a collection of unbounded
// size: every request goes out at once (ADR 0025).
class Checkers {
  private final BookieClient bookieClient;
  private final ZooKeeper zk;
  private final RetryingZooKeeper retrying;

  Checkers(BookieClient bookieClient, ZooKeeper zk, RetryingZooKeeper retrying) {
    this.bookieClient = bookieClient;
    this.zk = zk;
    this.retrying = retrying;
  }

  // BookKeeper's LedgerChecker (apache/bookkeeper#2973): a read per entry to verify, all at once.
  void verify(BookieId bookie, long ledgerId, TreeSet<Long> entries, ReadEntryCallback cb) {
    for (Long entryId : entries) {
      // BUG: Diagnostic contains: [UnboundedFanOut] BookieClient.readEntry starts a round trip per item of 'entries' with nothing bounding how many run at once
      bookieClient.readEntry(bookie, ledgerId, entryId, cb, null, 0);
    }
  }

  // A ZooKeeper read per child; the latch is awaited once every request is out.
  void readAll(List<String> children) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(children.size());
    for (String child : children) {
      // BUG: Diagnostic contains: [UnboundedFanOut] ZooKeeper.getData starts a round trip per item of 'children'
      zk.getData(child, false, (rc, path, ctx, data, stat) -> done.countDown(), null);
    }
    done.await();
  }

  // The same per item of a forEach.
  void existsAll(Set<String> paths, AsyncCallback.StatCallback cb) {
    // BUG: Diagnostic contains: [UnboundedFanOut] ZooKeeper.exists starts a round trip per item of 'paths'
    paths.forEach(p -> zk.exists(p, false, cb, null));
  }

  // Each callback's latch is awaited before the next item: one at a time, so no fan-out; the
  // serial awaits are SerialAwaitInLoop's.
  void oneByOne(List<String> children) throws InterruptedException {
    // BUG: Diagnostic contains: [SerialAwaitInLoop]
    for (String child : children) {
      CountDownLatch latch = new CountDownLatch(1);
      zk.getData(child, false, (rc, path, ctx, data, stat) -> latch.countDown(), null);
      latch.await();
    }
  }

  // A subclass that overrides the callback overload is still ZooKeeper's request.
  void deleteAll(List<String> nodes, AsyncCallback.VoidCallback cb) {
    for (String node : nodes) {
      // BUG: Diagnostic contains: [UnboundedFanOut] ZooKeeper.delete starts a round trip per item of 'nodes'
      retrying.delete(node, -1, cb, null);
    }
  }
}
