package dev.lockstep.samples.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The opposite bug, what a team writes once it has seen the serial loop: every group at once, a
 * virtual thread each. Against a relay that serves 5 requests at a time, 45 of 50 groups are turned
 * away (429) instead of waiting their turn: fast, and wrong. The window ({@link WindowedGroupPush})
 * is as fast as the relay allows and loses nothing.
 */
public final class UnboundedGroupPush {
  private final Relay relay;

  public UnboundedGroupPush(Relay relay) {
    this.relay = relay;
  }

  /** Publishes {@code message} to every group at once; returns the failed groups. */
  public Map<String, Throwable> pushAll(List<String> groups, String message)
      throws InterruptedException {
    Map<String, Future<Void>> pushes = new LinkedHashMap<>();
    try (ExecutorService perGroup = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String group : groups) {
        Future<Void> push =
            // expect: UnboundedFanOut
            perGroup.submit(
                () -> {
                  relay.publish(group, message);
                  relay.sync(group);
                  return null;
                });
        pushes.put(group, push);
      }
    }
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Map.Entry<String, Future<Void>> push : pushes.entrySet()) {
      try {
        push.getValue().get();
      } catch (ExecutionException e) {
        failures.put(push.getKey(), e.getCause());
      }
    }
    return failures;
  }
}
