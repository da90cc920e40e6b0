package dev.lockstep.samples.relay;

import java.util.List;

/**
 * Fix (a), drop the window: the session serializes the publishes anyway, so a plain loop is as fast
 * as the window was, with less machinery. Lockstep does not ask to parallelise it: the session is
 * declared {@code @SerializedResource}.
 */
public final class PlainLoopPublish {
  private final RelaySession session;

  public PlainLoopPublish(RelaySession session) {
    this.session = session;
  }

  /** Publishes {@code message} to every group, one after the other. */
  public void publishAll(List<String> groups, String message) throws Exception {
    for (String group : groups) {
      session.publish(group, message);
    }
  }
}
