package dev.lockstep.samples;

import dev.lockstep.samples.metadata.LockedRouteCache;
import dev.lockstep.samples.metadata.RecheckedRouteCache;
import dev.lockstep.samples.metadata.RouteCache;
import dev.lockstep.samples.metadata.RouteServer;
import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import dev.lockstep.window.BoundedWindow;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs the metadata story: 8 concurrent clients ask a route service with 8 request threads for N
 * routes; each request refreshes its topic's route from the metadata upstream, under the cache's
 * lock (bad) or outside it (fixed).
 */
final class MetadataStory {
  /** The route service's request threads, and the clients asking it at once. */
  static final int REQUEST_THREADS = 8;

  private MetadataStory() {}

  static List<Row> run(Settings settings) throws Exception {
    List<String> topics = IntStream.rangeClosed(1, settings.n()).mapToObj(i -> "t" + i).toList();
    try (LoopbackServer upstream = LoopbackServer.start("metadata", settings.rtt())) {
      List<LoopbackServer> servers = List.of(upstream);
      Http http = new Http();
      Settings shown = new Settings(settings.n(), settings.rtt(), REQUEST_THREADS);
      Duration ideal =
          settings.rtt().multipliedBy(GroupsStory.ceilDiv(settings.n(), REQUEST_THREADS));
      var locked =
          Stopwatch.time(
              servers, () -> serve(new LockedRouteCache(http, upstream::uri), http, topics));
      var rechecked =
          Stopwatch.time(
              servers, () -> serve(new RecheckedRouteCache(http, upstream::uri), http, topics));
      return List.of(
          Row.of("metadata", "refresh under the lock (bad)", shown, ideal, locked, locked),
          Row.of("metadata", "fetch outside, re-check (fixed)", shown, ideal, rechecked, locked));
    }
  }

  /** Every topic asked once of a route service over {@code cache}, 8 clients at a time. */
  private static String serve(RouteCache cache, Http http, List<String> topics) throws Exception {
    try (RouteServer service = RouteServer.start(cache, REQUEST_THREADS)) {
      BoundedWindow.of(REQUEST_THREADS).forEach(topics, t -> http.post(service.uri(t), ""));
      if (cache.size() != topics.size()) {
        throw new IllegalStateException(cache.size() + " routes for " + topics.size() + " topics");
      }
      return "";
    }
  }
}
