package dev.lockstep.samples;

import dev.lockstep.samples.ingest.Downstreams;
import dev.lockstep.samples.ingest.Event;
import dev.lockstep.samples.ingest.FanOutIngest;
import dev.lockstep.samples.ingest.Inbox;
import dev.lockstep.samples.ingest.SerialIngest;
import dev.lockstep.samples.net.Http;
import dev.lockstep.samples.net.LoopbackServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Runs the ingest story: three sends per event, one after the other and all at once. */
final class IngestStory {
  private IngestStory() {}

  static List<Row> run(Settings settings) throws Exception {
    List<Event> events =
        IntStream.rangeClosed(1, settings.n())
            .mapToObj(i -> new Event("e" + i, "{\"n\":" + i + "}"))
            .toList();
    try (LoopbackServer index = LoopbackServer.start("index", settings.rtt());
        LoopbackServer audit = LoopbackServer.start("audit", settings.rtt());
        LoopbackServer billing = LoopbackServer.start("billing", settings.rtt())) {
      List<LoopbackServer> servers = List.of(index, audit, billing);
      Downstreams downstreams = new Downstreams(new Http(), index::uri, audit::uri, billing::uri);
      // The events stay in order, one at a time: the fix overlaps an event's three sends only.
      Duration ideal = settings.rtt().multipliedBy(settings.n());

      var serial =
          Stopwatch.time(
              servers,
              () -> {
                Inbox inbox = new Inbox(events, event -> {});
                requireAllAcked(new SerialIngest(downstreams).drain(inbox), inbox, events.size());
                return "";
              });
      var fanOut =
          Stopwatch.time(
              servers,
              () -> {
                Inbox inbox = new Inbox(events, event -> {});
                requireAllAcked(new FanOutIngest(downstreams).drain(inbox), inbox, events.size());
                return "";
              });
      Settings shown = new Settings(settings.n(), settings.rtt(), 3);
      return List.of(
          Row.of("ingest", "3 sends in a row (bad)", shown, ideal, serial, serial),
          Row.of("ingest", "3-way fan-out (fixed)", shown, ideal, fanOut, serial));
    }
  }

  private static void requireAllAcked(List<Exception> failures, Inbox inbox, int events) {
    if (!failures.isEmpty() || inbox.acks().size() != events || !inbox.pending().isEmpty()) {
      throw new IllegalStateException("healthy downstreams failed: " + failures);
    }
  }
}
