package dev.lockstep.samples;

import dev.lockstep.samples.groups.Relay;
import dev.lockstep.samples.groups.SerialGroupPush;
import dev.lockstep.samples.groups.WindowedGroupPush;
import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.util.List;
import java.util.stream.IntStream;

/** Runs the groups story: two round trips per group, serially and in a window. */
final class GroupsStory {
  private GroupsStory() {}

  static List<Row> run(Settings settings) throws Exception {
    List<String> groups = IntStream.rangeClosed(1, settings.n()).mapToObj(i -> "g" + i).toList();
    try (LoopbackServer relayServer = LoopbackServer.start("relay", settings.rtt());
        LoopbackServer cacheServer = LoopbackServer.start("cache", settings.rtt())) {
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
