package dev.lockstep.samples.groups;

import dev.lockstep.samples.net.Http;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;

/** The relay that pushes a message to a group's devices, and the cache that tracks deliveries. */
public final class Relay {
  private final Http http;
  private final Function<String, URI> relay;
  private final Function<String, URI> cache;

  /**
   * A relay client.
   *
   * @param relay the relay's address for a path and query
   * @param cache the cache's address for a path and query
   */
  public Relay(Http http, Function<String, URI> relay, Function<String, URI> cache) {
    this.http = http;
    this.relay = relay;
    this.cache = cache;
  }

  /** Publishes {@code message} to {@code group}'s devices: one round trip to the relay. */
  public void publish(String group, String message) throws IOException, InterruptedException {
    http.post(relay.apply("/publish?group=" + group), message);
  }

  /** Records in the cache that {@code group} got the latest message: one round trip. */
  public void sync(String group) throws IOException, InterruptedException {
    http.post(cache.apply("/sync?group=" + group), "");
  }
}
