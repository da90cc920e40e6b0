package test;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.ZooKeeper;

// Like BookKeeper's ZooKeeperClient: a subclass that wraps the callback overloads.
class RetryingZooKeeper extends ZooKeeper {
  @Override
  public void delete(String path, int version, AsyncCallback.VoidCallback cb, Object ctx) {
    super.delete(path, version, cb, ctx);
  }
}
