package dev.lockstep.samples.relay;

import dev.lockstep.annotations.Sequential;
import dev.lockstep.window.BoundedWindow;
import java.util.List;

/**
 * Fix (c), keep it and say why: the window stays (here: it keeps the code shaped for the day the
 * relay allows parallel sessions), and {@code @Sequential} records that one-at-a-time is known and
 * accepted. No warning; the reason shows up in the generated concurrency map.
 */
public final class DocumentedSerialPublish {
  private final RelaySession session;
  private final int k;

  public DocumentedSerialPublish(RelaySession session, int k) {
    this.session = session;
    this.k = k;
  }

  /** Publishes {@code message} to every group through the one session. */
  @Sequential(reason = "one relay session until the partner raises our session quota (OPS-112)")
  public void publishAll(List<String> groups, String message) throws Exception {
    BoundedWindow.of(k).forEach(groups, group -> session.publish(group, message));
  }
}
