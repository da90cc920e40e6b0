package dev.lockstep.samples.relay;

import dev.lockstep.window.BoundedWindow;
import dev.lockstep.window.Stats;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bug: a window of 5 over one shared session whose {@code publish} is synchronized around the
 * network call. Five tasks in flight, one making progress: as slow as a loop, with the window's
 * overhead on top. {@code FakeConcurrency} reports the window.
 */
public final class WindowOverLock {
  private final RelaySession session;
  private final int k;

  public WindowOverLock(RelaySession session, int k) {
    this.session = session;
    this.k = k;
  }

  /** Publishes {@code message} to every group through the one session; returns the run's stats. */
  public Stats publishAll(List<String> groups, String message) throws Exception {
    AtomicReference<Stats> stats = new AtomicReference<>();
    BoundedWindow.of(k)
        .onStats(stats::set)
        // expect: FakeConcurrency (5 tasks in flight, one holding the session's monitor)
        .forEach(groups, group -> session.publish(group, message));
    return stats.get();
  }
}
