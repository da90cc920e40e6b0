package dev.lockstep.samples.groups;

import dev.lockstep.window.BoundedWindow;
import dev.lockstep.window.Outcome;
import dev.lockstep.window.Outcomes;
import dev.lockstep.window.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fix: the same two round trips per group, five groups at a time. 50 groups at 200 ms take
 * ⌈50/5⌉ × 2 × 200 ms = 4 s instead of 20 s (5×: a window of 5 cannot do better), and each group
 * still publishes before it syncs. Failures are still collected per group: the window gives every
 * group exactly one outcome.
 */
public final class WindowedGroupPush {
  private final Relay relay;
  private final BoundedWindow window;

  public WindowedGroupPush(Relay relay, int k) {
    this.relay = relay;
    this.window = BoundedWindow.of(k).unordered();
  }

  /** What {@link #pushAll} returns: the failed groups, and how parallel the run really was. */
  public record Result(Map<String, Throwable> failures, Stats stats) {}

  /** Publishes {@code message} to every group, five at a time; collects the failures. */
  public Result pushAll(List<String> groups, String message) {
    Outcomes<String, Boolean> outcomes =
        window.mapOutcomes(
            groups,
            group -> {
              relay.publish(group, message);
              relay.sync(group);
              return true;
            });
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Outcome<String, Boolean> outcome : outcomes.all()) {
      switch (outcome) {
        case Outcome.Success<String, Boolean> success -> {}
        case Outcome.Failure<String, Boolean> failure ->
            failures.put(failure.item(), failure.error());
        case Outcome.Cancelled<String, Boolean> cancelled ->
            failures.put(
                cancelled.item(), new IllegalStateException("cancelled: " + cancelled.reason()));
      }
    }
    return new Result(failures, outcomes.stats());
  }
}
