package dev.lockstep.samples.relay;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the relay story shows, counted by the server rather than timed: the window over the shared
 * session never has two publishes at the relay at once; the pool does, and never more than 5.
 */
final class RelayTest {
  private static final List<String> GROUPS =
      IntStream.rangeClosed(1, 20).mapToObj(i -> "g" + i).toList();

  @Test
  void windowOverTheLockReachesTheRelayOneAtATime() throws Exception {
    try (LoopbackServer relay = LoopbackServer.start("relay", Duration.ofMillis(20))) {
      RelaySession session = new RelaySession(new Http(), relay::uri);

      var stats = new WindowOverLock(session, 5).publishAll(GROUPS, "hi");

      assertThat(relay.served().requests()).isEqualTo(20);
      assertThat(relay.served().peakInFlight()).isEqualTo(1);
      // The window itself had up to 5 tasks in flight, all but one waiting on the monitor.
      assertThat(stats.itemsDone()).isEqualTo(20);
      assertThat(stats.peakInFlight()).isAtMost(5);
    }
  }

  @Test
  void poolOfSessionsReachesTheRelayInParallel() throws Exception {
    try (LoopbackServer relay = LoopbackServer.start("relay", Duration.ofMillis(100))) {
      SessionPool pool = new SessionPool(new Http(), relay::uri);

      var stats = new PooledWindowPublish(pool).publishAll(GROUPS, "hi");

      assertThat(relay.served().requests()).isEqualTo(20);
      assertThat(relay.served().peakInFlight()).isGreaterThan(1);
      assertThat(relay.served().peakInFlight()).isAtMost(SessionPool.SIZE);
      assertThat(stats.itemsDone()).isEqualTo(20);
    }
  }

  @Test
  void theOtherFixesPublishEveryGroupOnce() throws Exception {
    try (LoopbackServer relay = LoopbackServer.start("relay", Duration.ofMillis(1))) {
      RelaySession session = new RelaySession(new Http(), relay::uri);

      new PlainLoopPublish(session).publishAll(GROUPS, "hi");
      new DocumentedSerialPublish(session, 5).publishAll(GROUPS, "hi");

      assertThat(relay.received()).hasSize(40);
      assertThat(relay.served().peakInFlight()).isEqualTo(1);
      // The session numbers its messages 1..40 with no gap and no repeat.
      assertThat(
              relay.received().stream()
                  .map(target -> target.substring(target.indexOf("seq=") + 4))
                  .map(Integer::parseInt)
                  .sorted()
                  .toList())
          .isEqualTo(IntStream.rangeClosed(1, 40).boxed().toList());
    }
  }
}
