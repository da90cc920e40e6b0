package dev.lockstep.samples;

import dev.lockstep.samples.net.LoopbackServer;
import dev.lockstep.window.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Times one variant's run and reads what the servers saw of it. */
final class Stopwatch {
  /** A variant's run. */
  @FunctionalInterface
  interface Run {
    /** Runs the variant; returns a description of the window's stats, or "" when none ran. */
    String run() throws Exception;
  }

  /** What one timed run measured. */
  record Measured(Duration wall, double achieved, String window) {}

  private Stopwatch() {}

  /** The window's stats in a table cell: enough to tell real from fake concurrency. */
  static String describe(Stats stats) {
    return String.format(
        Locale.ROOT,
        "peak %d, busy/wall %.2f, service %.2f",
        stats.peakInFlight(),
        stats.achievedParallelism(),
        stats.serviceParallelism());
  }

  /** Runs {@code run} once against freshly reset {@code servers}. */
  static Measured time(List<LoopbackServer> servers, Run run) throws Exception {
    servers.forEach(LoopbackServer::reset);
    long start = System.nanoTime();
    String window = run.run();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    Duration busy = Duration.ZERO;
    for (LoopbackServer server : servers) {
      busy = busy.plus(server.served().busy());
    }
    double achieved = wall.isZero() ? 0 : (double) busy.toNanos() / wall.toNanos();
    return new Measured(wall, achieved, window);
  }
}
