package dev.lockstep.samples.ingest;

import dev.lockstep.window.BoundedWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The fix: each event's three sends at once, one round trip per event instead of three. The event
 * is acknowledged only after all three succeeded; a failure (the window cancels the other sends) or
 * an interrupt leaves it un-acknowledged and puts it back for redelivery. Downstreams must
 * therefore accept a redelivered event twice — as they must with any broker that redelivers.
 */
public final class FanOutIngest {
  private final Downstreams downstreams;
  private final BoundedWindow fanOut = BoundedWindow.of(3);

  public FanOutIngest(Downstreams downstreams) {
    this.downstreams = downstreams;
  }

  /**
   * Handles every event the inbox holds now. Returns the failures of events put back for
   * redelivery; throws {@link InterruptedException} (the event in hand put back) when interrupted.
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
        var unused =
            fanOut.all(
                () -> {
                  downstreams.index(event);
                  return null;
                },
                () -> {
                  downstreams.audit(event);
                  return null;
                },
                () -> {
                  downstreams.bill(event);
                  return null;
                });
      } catch (InterruptedException e) {
        inbox.nack(event);
        throw e;
      } catch (Exception e) {
        inbox.nack(event);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted while fanning out " + event.id());
        }
        failures.add(e);
        continue;
      }
      inbox.ack(event);
    }
    return failures;
  }
}
