package acme.rpc;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Idle clients; a checkout parks until one is free, which is no round trip. */
public final class ConnectionPool {
  private final BlockingQueue<RpcClient> idle = new LinkedBlockingQueue<>();

  public RpcClient borrow() throws InterruptedException {
    return idle.take();
  }

  public void release(RpcClient client) {
    idle.add(client);
  }
}
