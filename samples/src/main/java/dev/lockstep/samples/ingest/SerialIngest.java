package dev.lockstep.samples.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bug: each event's three sends one after the other, though none needs another's answer. Three
 * round trips per event where one would do.
 */
public final class SerialIngest {
  private final Downstreams downstreams;

  public SerialIngest(Downstreams downstreams) {
    this.downstreams = downstreams;
  }

  /**
   * Handles every event the inbox holds now. Returns the failures of events put back for
   * redelivery.
   */
  public List<Exception> drain(Inbox inbox) throws InterruptedException {
    List<Exception> failures = new ArrayList<>();
    int toHandle = inbox.pending().size();
    for (int handled = 0; handled < toHandle; handled++) {
      Event event = inbox.poll();
      if (event == null) {
        break;
      }
      Validation.validate(event);
      try {
        // expect: SerialFanOut
        downstreams.index(event);
        downstreams.audit(event);
        downstreams.bill(event);
      } catch (IOException e) {
        inbox.nack(event);
        failures.add(e);
        continue;
      }
      inbox.ack(event);
    }
    return failures;
  }
}
