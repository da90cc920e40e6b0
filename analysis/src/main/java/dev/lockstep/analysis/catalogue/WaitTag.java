package dev.lockstep.analysis.catalogue;

import java.util.Locale;
import java.util.Optional;

/** What kind of cost a catalogued call has. The catalogue file spells these in lower case. */
public enum WaitTag {
  /** A round trip: network, database, remote service. Always a wait. */
  LATENCY,
  /**
   * Waits for work started elsewhere ({@code Future.get}, {@code CountDownLatch.await}, {@code
   * Process.waitFor}, {@code BlockingQueue.take}): a wait only when that work was started in the
   * same scope ({@code pool.submit(task).get()}), not when it was in flight before the loop.
   */
  AWAIT,
  /**
   * A round trip on a stateful channel that serves one call at a time (a socket stream, a JDBC
   * statement or connection): a wait, but calls on one shared channel are ordered, so a loop doing
   * them is loop-carried.
   */
  CHANNEL,
  /** Deliberate delay ({@code Thread.sleep}, a rate limiter): directly in a loop body, it paces. */
  PACING,
  /** Waits for a lock or permit; the serialization-point analysis reads these. */
  LOCK,
  /** Known not to wait ({@code HttpClient.sendAsync}); overrides broader entries. */
  NONE;

  /** Parses the catalogue spelling ({@code latency}, ...). */
  public static Optional<WaitTag> parse(String text) {
    for (WaitTag tag : values()) {
      if (tag.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(tag);
      }
    }
    return Optional.empty();
  }

  /** The catalogue spelling. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }
}
