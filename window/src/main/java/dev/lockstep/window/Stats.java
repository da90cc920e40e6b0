package dev.lockstep.window;

import java.time.Duration;

/**
 * What one run did: how many items finished, how many calls were in flight at most, and how much
 * parallelism the window actually achieved. A window of 5 whose calls all queue on one lock shows
 * {@code achievedParallelism() ≈ 1.0}: fake concurrency, visible at run time.
 *
 * <pre>{@code
 * BoundedWindow.of(5).onStats(s -> log.info("{}", s)).map(urls, this::fetch);
 * // window 5: 50 done (0 failed), 0 cancelled, peak in flight 5, achieved parallelism 4.96 ...
 * }</pre>
 *
 * @param k the window's bound
 * @param itemsSucceeded calls that returned
 * @param itemsFailed calls that threw (not counting calls the window interrupted)
 * @param itemsCancelled items the window cancelled: never started, or interrupted and then threw
 * @param peakInFlight the most calls in flight at once, never more than {@code k}
 * @param wallTime from the start of the run until its last task ended
 * @param busyTime the sum, over all calls, of the time each was in flight
 * @param fastestCall the shortest call (zero if none finished)
 */
public record Stats(
    int k,
    long itemsSucceeded,
    long itemsFailed,
    long itemsCancelled,
    int peakInFlight,
    Duration wallTime,
    Duration busyTime,
    Duration fastestCall) {

  /** Items whose call finished, successfully or not. */
  public long itemsDone() {
    return itemsSucceeded + itemsFailed;
  }

  /**
   * Sum of busy time over wall time: about {@code k} for a window that overlaps its calls fully,
   * about {@code 1.0} for one whose calls run one after another.
   */
  public double achievedParallelism() {
    long wall = wallTime.toNanos();
    return wall <= 0 ? 0.0 : (double) busyTime.toNanos() / wall;
  }

  /**
   * Items done times the fastest call, over wall time: how many calls' worth of <em>service</em>
   * the run delivered at once. Unlike {@link #achievedParallelism()} it also exposes a
   * serialization point <em>inside</em> the calls: five calls queued on one lock are all "busy"
   * (achieved parallelism 5) but deliver one call's service at a time (service parallelism 1.0). It
   * assumes calls of similar cost; with very uneven calls it underestimates.
   */
  public double serviceParallelism() {
    long wall = wallTime.toNanos();
    return wall <= 0 ? 0.0 : (double) itemsDone() * fastestCall.toNanos() / wall;
  }

  @Override
  public String toString() {
    return String.format(
        "window %d: %d done (%d failed), %d cancelled, peak in flight %d, achieved parallelism %.2f"
            + " (busy %d ms over %d ms), service parallelism %.2f",
        k,
        itemsDone(),
        itemsFailed,
        itemsCancelled,
        peakInFlight,
        achievedParallelism(),
        busyTime.toMillis(),
        wallTime.toMillis(),
        serviceParallelism());
  }
}
