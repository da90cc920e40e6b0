package dev.lockstep.samples.groups;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bug: one group after the other, two round trips each. 50 groups at 200 ms cost 20 s, though
 * no group depends on another. {@code SerialAwaitInLoop} reports the loop.
 */
public final class SerialGroupPush {
  private final Relay relay;

  public SerialGroupPush(Relay relay) {
    this.relay = relay;
  }

  /** Publishes {@code message} to every group; returns the groups that failed, with why. */
  public Map<String, Exception> pushAll(List<String> groups, String message)
      throws InterruptedException {
    Map<String, Exception> failures = new LinkedHashMap<>();
    // expect: SerialAwaitInLoop (2 round trips per group, one group after the other)
    for (String group : groups) {
      try {
        relay.publish(group, message);
        relay.sync(group);
      } catch (IOException e) {
        failures.put(group, e);
      }
    }
    return failures;
  }
}
