package dev.lockstep.samples;

import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import dev.lockstep.samples.relay.DocumentedSerialPublish;
import dev.lockstep.samples.relay.PlainLoopPublish;
import dev.lockstep.samples.relay.PooledWindowPublish;
import dev.lockstep.samples.relay.RelaySession;
import dev.lockstep.samples.relay.SessionPool;
import dev.lockstep.samples.relay.WindowOverLock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Runs the relay story: a window over one synchronized session, and the three fixes. */
final class RelayStory {
  private RelayStory() {}

  static List<Row> run(Settings settings) throws Exception {
    List<String> groups = IntStream.rangeClosed(1, settings.n()).mapToObj(i -> "g" + i).toList();
    try (LoopbackServer relayServer = LoopbackServer.start("relay", settings.rtt())) {
      List<LoopbackServer> servers = List.of(relayServer);
      Http http = new Http();
      RelaySession session = new RelaySession(http, relayServer::uri);
      SessionPool pool = new SessionPool(http, relayServer::uri);
      Duration ideal = settings.rtt().multipliedBy(GroupsStory.ceilDiv(settings.n(), settings.k()));

      var overLock =
          Stopwatch.time(
              servers,
              () ->
                  Stopwatch.describe(
                      new WindowOverLock(session, settings.k()).publishAll(groups, "hi")));
      var plainLoop =
          Stopwatch.time(
              servers,
              () -> {
                new PlainLoopPublish(session).publishAll(groups, "hi");
                return "";
              });
      var pooled =
          Stopwatch.time(
              servers,
              () -> Stopwatch.describe(new PooledWindowPublish(pool).publishAll(groups, "hi")));
      var documented =
          Stopwatch.time(
              servers,
              () -> {
                new DocumentedSerialPublish(session, settings.k()).publishAll(groups, "hi");
                return "";
              });
      return List.of(
          Row.of("relay", "window over lock (bad)", settings, ideal, overLock, overLock),
          Row.of("relay", "(a) plain loop", settings, ideal, plainLoop, overLock),
          Row.of("relay", "(b) pool of 5 sessions", settings, ideal, pooled, overLock),
          Row.of("relay", "(c) @Sequential window", settings, ideal, documented, overLock));
    }
  }
}
