package test;

import acme.pool.Lifecycle;
import acme.pool.Pool;
import acme.rpc.Client;
import acme.rpc.RpcClient;
import java.util.List;

/** A service module: its loops call the client module, a jar on its classpath. */
class Service {
  private final RpcClient rpc;
  private final Client client;
  private final Pool pool = new Pool();

  Service(RpcClient rpc, Client client) {
    this.rpc = rpc;
    this.client = client;
  }

  void sendAll(List<String> items) throws Exception {
    // BUG: Diagnostic contains: call at Service.java:23 -> CountDownLatch.await [lib.jar:34]
    for (String item : items) {
      rpc.call(item);
    }
  }

  /** The same round trip behind the interface: its only implementation in the jar runs. */
  void sendAllThroughTheInterface(List<String> items) throws Exception {
    // BUG: Diagnostic contains: call at Service.java:31 -> CountDownLatch.await [lib.jar:34]
    for (String item : items) {
      client.call(item);
    }
  }

  /** A pool checkout parks on a permit, not on a peer: no round trip per item. */
  void borrowAll(List<String> items) throws Exception {
    for (String item : items) {
      Object connection = pool.borrow();
      pool.release(connection);
    }
  }

  /** A lifecycle's lock and latch: synchronisation, not a round trip. */
  void startAll(List<Lifecycle> components) throws Exception {
    for (Lifecycle component : components) {
      component.start();
    }
  }
}
