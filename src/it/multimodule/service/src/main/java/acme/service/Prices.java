package acme.service;

import acme.rpc.RpcClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One round trip per item, through the client jar's RpcClient. */
public final class Prices {
  private final RpcClient client;

  public Prices(RpcClient client) {
    this.client = client;
  }

  public List<String> quote(List<String> items) throws IOException, InterruptedException {
    List<String> quotes = new ArrayList<>();
    for (String item : items) {
      quotes.add(client.call(item));
    }
    return quotes;
  }
}
