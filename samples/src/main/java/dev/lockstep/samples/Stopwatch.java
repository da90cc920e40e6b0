package dev.lockstep.samples;

import dev.lockstep.samples.net.LoopbackServer;
import java.time.Duration;
import java.util.List;

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
