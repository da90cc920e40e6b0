package test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.apache.bookkeeper.net.BookieId;
import org.apache.bookkeeper.proto.BookieClient;
import org.apache.bookkeeper.proto.BookkeeperInternalCallbacks.ReadEntryCallback;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.ZooKeeper;

class Throttled {
  private final BookieClient bookieClient;
  private final ZooKeeper zk;
  private final Registry registry = new Registry();
  private final Semaphore permits = new Semaphore(100);

  Throttled(BookieClient bookieClient, ZooKeeper zk) {
    this.bookieClient = bookieClient;
    this.zk = zk;
  }

  // A permit taken per item and given back by the callback: at most 100 in flight (the #2973 fix).
  void verify(BookieId bookie, long ledgerId, TreeSet<Long> entries) throws InterruptedException {
    for (Long entryId : entries) {
      permits.acquire();
      bookieClient.readEntry(
          bookie, ledgerId, entryId, (rc, l, e, buffer, ctx) -> permits.release(), null, 0);
    }
  }

  // One read to each bookie of the ensemble, the item naming the server ([server: 1]): the quorum
  // protocol, each server gets one request (BookKeeper's ReadLastConfirmedOp).
  void readLastConfirmed(List<BookieId> ensemble, long ledgerId, ReadEntryCallback cb) {
    for (int i = 0; i < ensemble.size(); i++) {
      bookieClient.readEntry(ensemble.get(i), ledgerId, -1, cb, i, 0);
    }
  }

  // The same through the loop's item (LedgerFragmentReplicator's new bookies) ...
  void toNewBookies(Set<BookieId> newBookies, long ledgerId, long entryId, ReadEntryCallback cb) {
    for (BookieId newBookie : newBookies) {
      bookieClient.readEntry(newBookie, ledgerId, entryId, cb, null, 0);
    }
  }

  // ... and through a local of the iteration (LedgerChecker's write set).
  void toWriteSet(
      List<BookieId> ensemble, List<Integer> writeSet, long entryId, ReadEntryCallback cb) {
    for (int i = 0; i < writeSet.size(); i++) {
      BookieId addr = ensemble.get(writeSet.get(i));
      bookieClient.readEntry(addr, 1L, entryId, cb, null, 0);
    }
  }

  // The items are stated: three requests at once.
  void fewStated(AsyncCallback.StatCallback cb) {
    for (String path : List.of("/ledgers", "/layout", "/cookies")) {
      zk.exists(path, false, cb, null);
    }
  }

  // Not a loop over items: the three requests of one operation.
  void once(AsyncCallback.StatCallback cb) {
    zk.exists("/ledgers", false, cb, null);
    zk.exists("/layout", false, cb, null);
  }

  // A method named like a ZooKeeper request on a type the catalogue does not know.
  void local(List<String> keys) {
    for (String key : keys) {
      registry.delete(key, -1, null, null);
    }
  }

  static final class Registry {
    private final java.util.Map<String, String> entries = new java.util.HashMap<>();

    void delete(String key, int version, Object cb, Object ctx) {
      entries.remove(key);
    }
  }
}
