package acme.service;

import acme.rpc.Api;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The same round trip per item, through the client jar's interface. */
public final class Stock {
  private final Api api;

  public Stock(Api api) {
    this.api = api;
  }

  public List<String> levels(List<String> items) throws IOException, InterruptedException {
    List<String> levels = new ArrayList<>();
    for (String item : items) {
      levels.add(api.call(item));
    }
    return levels;
  }
}
