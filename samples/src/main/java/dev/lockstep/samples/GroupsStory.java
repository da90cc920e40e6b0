package dev.lockstep.samples;

import dev.lockstep.samples.groups.Relay;
import dev.lockstep.samples.groups.SerialGroupPush;
import dev.lockstep.samples.groups.UnboundedGroupPush;
import dev.lockstep.samples.groups.WindowedGroupPush;
import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs the groups story: two round trips per group, serially, all at once, and in a window, against
 * a relay and a cache that each serve {@code k} requests at a time (and turn the rest away with
 * 429, as a rate-limited service does).
 */
final class GroupsStory {
  private GroupsStory() {}

  static List<Row> run(Settings settings) throws Exception {
    List<String> groups = IntStream.rangeClosed(1, settings.n()).mapToObj(i -> "g" + i).toList();
    try (LoopbackServer relayServer = LoopbackServer.start("relay", settings.rtt(), settings.k());
        LoopbackServer cacheServer = LoopbackServer.start("cache", settings.rtt(), settings.k())) {
      List<LoopbackServer> servers = List.of(relayServer, cacheServer);
      Relay relay = new Relay(new Http(), relayServer::uri, cacheServer::uri);
      var ideal = settings.rtt().multipliedBy(2L * ceilDiv(settings.n(), settings.k()));

      var serial =
          Stopwatch.time(
              servers,
              () -> {
                requireNoFailures(new SerialGroupPush(relay).pushAll(groups, "hello").size());
                return "";
              });
      var unbounded =
          Stopwatch.time(
              servers,
              () -> {
                int failed = new UnboundedGroupPush(relay).pushAll(groups, "hello").size();
                long turnedAway = relayServer.rejected() + cacheServer.rejected();
                return failed
                    + " of "
                    + groups.size()
                    + " groups failed, "
                    + turnedAway
                    + " requests answered 429";
              });
      var windowed =
          Stopwatch.time(
              servers,
              () -> {
                var result = new WindowedGroupPush(relay, settings.k()).pushAll(groups, "hello");
                requireNoFailures(result.failures().size());
                return Stopwatch.describe(result.stats());
              });
      return List.of(
          Row.of("groups", "serial loop (bad)", settings, ideal, serial, serial),
          Row.of("groups", "all at once (bad)", settings, ideal, unbounded, serial),
          Row.of("groups", "BoundedWindow (fixed)", settings, ideal, windowed, serial));
    }
  }

  static long ceilDiv(int n, int k) {
    return (n + k - 1) / k;
  }

  private static void requireNoFailures(int failures) {
    if (failures != 0) {
      throw new IllegalStateException(failures + " groups failed against healthy servers");
    }
  }
}
