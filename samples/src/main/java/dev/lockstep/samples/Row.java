package dev.lockstep.samples;

import java.time.Duration;

/**
 * One line of the demo's table: a story's variant, what it cost, and how parallel it really was.
 *
 * @param ideal what a window of {@code k} needs at best for the story's round trips
 * @param baseline the story's bad variant's wall time, which {@link #speedup} compares against
 * @param achieved the parallelism the servers saw: their busy time over the wall time
 * @param window the window's own stats for the run, or empty when no window ran
 */
record Row(
    String story,
    String variant,
    Settings settings,
    Duration wall,
    Duration ideal,
    Duration baseline,
    double achieved,
    String window) {

  /** A row for a measured run, compared against the story's {@code baseline} run. */
  static Row of(
      String story,
      String variant,
      Settings settings,
      Duration ideal,
      Stopwatch.Measured measured,
      Stopwatch.Measured baseline) {
    return new Row(
        story,
        variant,
        settings,
        measured.wall(),
        ideal,
        baseline.wall(),
        measured.achieved(),
        measured.window());
  }

  double speedup() {
    return (double) baseline.toNanos() / wall.toNanos();
  }
}
