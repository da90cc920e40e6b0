package dev.lockstep.samples;

import java.time.Duration;

/**
 * The numbers of a demo run: {@code n} items, a round trip of {@code rtt} to every server, a window
 * of {@code k}.
 */
record Settings(int n, Duration rtt, int k) {
  /** The seed numbers: 50 items, 200 ms, a window of 5. About a minute for all stories. */
  static final Settings FULL = new Settings(50, Duration.ofMillis(200), 5);

  /** The same shape at a tenth of the round trip, for a quick look. */
  static final Settings QUICK = new Settings(50, Duration.ofMillis(20), 5);
}
