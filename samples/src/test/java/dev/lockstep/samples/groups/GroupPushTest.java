package dev.lockstep.samples.groups;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Both variants of the groups story do the same work and report the same failures. */
final class GroupPushTest {
  private static final List<String> GROUPS =
      IntStream.rangeClosed(1, 12).mapToObj(i -> "g" + i + "x").toList();

  @Test
  void serialAndWindowedReportTheSameFailedGroups() throws Exception {
    try (LoopbackServer relayServer = LoopbackServer.start("relay", Duration.ofMillis(5));
        LoopbackServer cacheServer = LoopbackServer.start("cache", Duration.ofMillis(5))) {
      relayServer.failOn("group=g3x");
      cacheServer.failOn("group=g8x");
      Relay relay = new Relay(new Http(), relayServer::uri, cacheServer::uri);

      var serial = new SerialGroupPush(relay).pushAll(GROUPS, "hello");
      var windowed = new WindowedGroupPush(relay, 5).pushAll(GROUPS, "hello");

      assertThat(serial.keySet()).containsExactly("g3x", "g8x");
      assertThat(windowed.failures().keySet()).containsExactly("g3x", "g8x");
      assertThat(windowed.failures().get("g3x")).isInstanceOf(IOException.class);
      assertThat(windowed.failures().get("g3x")).hasMessageThat().contains("500");
      assertThat(windowed.stats().itemsDone()).isEqualTo(12);
      assertThat(windowed.stats().peakInFlight()).isAtMost(5);
    }
  }

  @Test
  void everyGroupIsPublishedBeforeItIsSynced() throws Exception {
    try (LoopbackServer relayServer = LoopbackServer.start("relay", Duration.ofMillis(5));
        LoopbackServer cacheServer = LoopbackServer.start("cache", Duration.ofMillis(5))) {
      Relay relay = new Relay(new Http(), relayServer::uri, cacheServer::uri);

      var result = new WindowedGroupPush(relay, 5).pushAll(GROUPS, "hello");

      assertThat(result.failures()).isEmpty();
      assertThat(relayServer.received()).hasSize(12);
      assertThat(cacheServer.received()).hasSize(12);
      // A group is synced only after its publish answered: the relay saw every group the cache saw.
      assertThat(relayServer.served().requests()).isEqualTo(12);
      assertThat(cacheServer.served().peakInFlight()).isAtMost(5);
    }
  }

  @Test
  void allAtOnceIsTurnedAwayWhereTheWindowWaitsItsTurn() throws Exception {
    try (LoopbackServer relayServer = LoopbackServer.start("relay", Duration.ofMillis(50), 5);
        LoopbackServer cacheServer = LoopbackServer.start("cache", Duration.ofMillis(50), 5)) {
      Relay relay = new Relay(new Http(), relayServer::uri, cacheServer::uri);

      var unbounded = new UnboundedGroupPush(relay).pushAll(GROUPS, "hello");
      // However many were turned away, each failure is the relay's or cache's 429, never more
      // than 5 requests were served at once, and every group either succeeded or failed.
      for (Throwable failure : unbounded.values()) {
        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(failure).hasMessageThat().contains("429");
      }
      assertThat(relayServer.served().peakInFlight()).isAtMost(5);
      assertThat(cacheServer.received().size() + unbounded.size()).isEqualTo(GROUPS.size());

      relayServer.reset();
      cacheServer.reset();
      var windowed = new WindowedGroupPush(relay, 5).pushAll(GROUPS, "hello");
      assertThat(windowed.failures()).isEmpty();
      assertThat(relayServer.rejected()).isEqualTo(0);
      assertThat(cacheServer.rejected()).isEqualTo(0);
    }
  }
}
