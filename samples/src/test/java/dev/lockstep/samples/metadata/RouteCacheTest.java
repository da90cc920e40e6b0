package dev.lockstep.samples.metadata;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import dev.lockstep.window.BoundedWindow;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the metadata story shows, counted by the upstream rather than timed: behind the locked cache
 * the 8 request threads reach the upstream one at a time; behind the re-checked cache they reach it
 * together, and every topic still gets its route.
 */
final class RouteCacheTest {
  private static final List<String> TOPICS =
      IntStream.rangeClosed(1, 24).mapToObj(i -> "t" + i).toList();

  @Test
  void theLockedCacheReachesTheUpstreamOneAtATime() throws Exception {
    try (LoopbackServer upstream = LoopbackServer.start("metadata", Duration.ofMillis(20))) {
      Http http = new Http();
      RouteCache cache = new LockedRouteCache(http, upstream::uri);

      askAll(cache, http);

      assertThat(upstream.served().requests()).isEqualTo(TOPICS.size());
      assertThat(upstream.served().peakInFlight()).isEqualTo(1);
      assertThat(cache.size()).isEqualTo(TOPICS.size());
    }
  }

  @Test
  void theRecheckedCacheReachesTheUpstreamInParallel() throws Exception {
    try (LoopbackServer upstream = LoopbackServer.start("metadata", Duration.ofMillis(100))) {
      Http http = new Http();
      RouteCache cache = new RecheckedRouteCache(http, upstream::uri);

      askAll(cache, http);

      assertThat(upstream.served().requests()).isEqualTo(TOPICS.size());
      assertThat(upstream.served().peakInFlight()).isGreaterThan(1);
      assertThat(upstream.served().peakInFlight()).isAtMost(8);
      assertThat(cache.size()).isEqualTo(TOPICS.size());
    }
  }

  @Test
  void aSlowRefreshNeverOverwritesANewerOne() throws Exception {
    try (LoopbackServer upstream = LoopbackServer.start("metadata", Duration.ofMillis(5))) {
      Http http = new Http();
      RouteCache cache = new RecheckedRouteCache(http, upstream::uri);

      String first = cache.routeFor("t1");
      String second = cache.routeFor("t1");

      assertThat(first).contains("/metadata?topic=t1");
      assertThat(second).isEqualTo(first);
      assertThat(cache.size()).isEqualTo(1);
    }
  }

  private static void askAll(RouteCache cache, Http http) throws Exception {
    try (RouteServer service = RouteServer.start(cache, 8)) {
      BoundedWindow.of(8).forEach(TOPICS, t -> http.post(service.uri(t), ""));
    }
  }
}
