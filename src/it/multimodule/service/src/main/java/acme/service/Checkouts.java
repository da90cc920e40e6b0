package acme.service;

import acme.rpc.ConnectionPool;
import acme.rpc.RpcClient;
import java.util.ArrayList;
import java.util.List;

/** A pool checkout per item parks, but sends nothing: no round trip, not reported. */
public final class Checkouts {
  private final ConnectionPool pool;

  public Checkouts(ConnectionPool pool) {
    this.pool = pool;
  }

  public List<String> owners(List<String> items) throws InterruptedException {
    List<String> owners = new ArrayList<>();
    for (String item : items) {
      RpcClient client = pool.borrow();
      owners.add(item);
      pool.release(client);
    }
    return owners;
  }
}
