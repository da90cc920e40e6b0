package dev.lockstep.samples.ingest;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's contract against real loopback servers: an event is acknowledged only after all
 * three downstreams accepted it, a failed or interrupted fan-out leaves it for redelivery, and in
 * the end every event is acknowledged exactly once.
 */
final class FanOutIngestTest {
  private LoopbackServer index;
  private LoopbackServer audit;
  private LoopbackServer billing;
  private Downstreams downstreams;

  /** Acks of events some downstream had not received when the ack came. */
  private final List<String> earlyAcks = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServers() throws Exception {
    index = LoopbackServer.start("index", Duration.ofMillis(5));
    audit = LoopbackServer.start("audit", Duration.ofMillis(5));
    billing = LoopbackServer.start("billing", Duration.ofMillis(5));
    downstreams = new Downstreams(new Http(), index::uri, audit::uri, billing::uri);
  }

  @AfterEach
  void stopServers() {
    index.close();
    audit.close();
    billing.close();
  }

  @Test
  void acknowledgesEachEventOnceAfterAllThreeAccepted() throws Exception {
    Inbox inbox = new Inbox(events(20), this::checkAllReceived);

    List<Exception> failures = new FanOutIngest(downstreams).drain(inbox);

    assertThat(failures).isEmpty();
    assertThat(earlyAcks).isEmpty();
    assertThat(inbox.acks()).hasSize(20);
    assertThat(inbox.acks().values()).containsNoneOf(0, 2, 3);
    assertThat(inbox.pending()).isEmpty();
    assertThat(inbox.unacknowledged()).isEqualTo(0);
  }

  @Test
  void aFailedDownstreamLeavesTheEventForRedelivery() throws Exception {
    billing.failOn("event=e7");
    Inbox inbox = new Inbox(events(10), this::checkAllReceived);
    FanOutIngest ingest = new FanOutIngest(downstreams);

    List<Exception> failures = ingest.drain(inbox);

    assertThat(failures).hasSize(1);
    assertThat(inbox.acks().keySet()).doesNotContain("e7");
    assertThat(inbox.pending()).containsExactly(new Event("e7", "{\"n\":7}"));
    assertThat(inbox.unacknowledged()).isEqualTo(0);

    billing.recover("event=e7");
    assertThat(ingest.drain(inbox)).isEmpty();

    assertThat(earlyAcks).isEmpty();
    assertThat(inbox.acks()).hasSize(10);
    assertThat(inbox.acks().values()).containsNoneOf(0, 2, 3);
    assertThat(inbox.pending()).isEmpty();
  }

  @Test
  void anInterruptedFanOutAcknowledgesNothingAndPutsTheEventBack() throws Exception {
    try (LoopbackServer slowBilling = LoopbackServer.start("billing", Duration.ofSeconds(30))) {
      Downstreams slow = new Downstreams(new Http(), index::uri, audit::uri, slowBilling::uri);
      Inbox inbox = new Inbox(events(3), this::checkAllReceived);
      CountDownLatch started = new CountDownLatch(1);
      ExecutorService daemon = Executors.newSingleThreadExecutor();
      try {
        Future<List<Exception>> drain =
            daemon.submit(
                () -> {
                  started.countDown();
                  return new FanOutIngest(slow).drain(inbox);
                });
        assertThat(started.await(10, SECONDS)).isTrue();
        awaitInFlight(slowBilling);

        drain.cancel(true);
        daemon.shutdown();
        assertThat(daemon.awaitTermination(20, SECONDS)).isTrue();
      } finally {
        daemon.shutdownNow();
      }

      assertThat(inbox.acks()).isEmpty();
      assertThat(inbox.unacknowledged()).isEqualTo(0);
      assertThat(inbox.pending()).hasSize(3); // e1 went back to the end, e2 and e3 never left
      assertThat(inbox.pending().get(2).id()).isEqualTo("e1");
    }
  }

  @Test
  void theSerialVariantKeepsTheSameContract() throws Exception {
    billing.failOn("event=e2");
    Inbox inbox = new Inbox(events(5), this::checkAllReceived);

    assertThat(new SerialIngest(downstreams).drain(inbox)).hasSize(1);
    billing.recover("event=e2");
    assertThat(new SerialIngest(downstreams).drain(inbox)).isEmpty();

    assertThat(earlyAcks).isEmpty();
    assertThat(inbox.acks()).hasSize(5);
    assertThat(inbox.acks().values()).containsNoneOf(0, 2, 3);
  }

  @Test
  void anInvalidEventIsRejectedBeforeAnythingIsSent() {
    Inbox inbox = new Inbox(List.of(new Event("bad", "")), this::checkAllReceived);

    assertThrows(IllegalArgumentException.class, () -> new FanOutIngest(downstreams).drain(inbox));
    assertThat(index.served().requests()).isEqualTo(0);
    assertThat(inbox.acks()).isEmpty();
  }

  private void checkAllReceived(Event event) {
    String query = "event=" + event.id();
    for (LoopbackServer server : List.of(index, audit, billing)) {
      if (server.received().stream().noneMatch(target -> target.endsWith(query))) {
        earlyAcks.add(event.id() + " before " + server);
      }
    }
  }

  private static void awaitInFlight(LoopbackServer server) throws InterruptedException {
    for (int i = 0; i < 1000 && server.served().peakInFlight() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(server.served().peakInFlight()).isGreaterThan(0);
  }

  private static List<Event> events(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> new Event("e" + i, "{\"n\":" + i + "}"))
        .toList();
  }
}
