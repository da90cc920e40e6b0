package dev.lockstep.samples.metadata;

import dev.lockstep.samples.net.Http;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The bad variant: the refresh of the shared route table runs under the cache's monitor, round trip
 * included. Every request thread that asks for a route queues on the lock while one of them waits
 * for the metadata upstream: 8 handler threads serve one request per round trip, throughput ≤
 * 1/RTT.
 */
@ThreadSafe
public final class LockedRouteCache implements RouteCache {
  private final Http http;
  private final Function<String, URI> upstream;
  private final Map<String, String> routes = new HashMap<>();

  public LockedRouteCache(Http http, Function<String, URI> upstream) {
    this.http = http;
    this.upstream = upstream;
  }

  @Override
  // expect: LockHeldAcrossWait
  public synchronized String routeFor(String topic) throws IOException, InterruptedException {
    String route = http.post(upstream.apply("/metadata?topic=" + topic), "");
    routes.put(topic, route);
    return route;
  }

  @Override
  public synchronized int size() {
    return routes.size();
  }
}
