package dev.lockstep.samples.relay;

import dev.lockstep.window.BoundedWindow;
import dev.lockstep.window.Stats;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Fix (b) in use: a window as wide as the session pool, now truly 5 publishes at once. */
public final class PooledWindowPublish {
  private final SessionPool pool;

  public PooledWindowPublish(SessionPool pool) {
    this.pool = pool;
  }

  /** Publishes {@code message} to every group through the pool; returns the run's stats. */
  public Stats publishAll(List<String> groups, String message) throws Exception {
    AtomicReference<Stats> stats = new AtomicReference<>();
    BoundedWindow.of(SessionPool.SIZE)
        .onStats(stats::set)
        .forEach(groups, group -> pool.publish(group, message));
    return stats.get();
  }
}
