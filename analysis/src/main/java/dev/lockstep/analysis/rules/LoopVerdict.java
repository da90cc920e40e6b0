package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.finding.Finding;

/** A rule's decision about one loop: a finding, or why the loop is fine. */
public sealed interface LoopVerdict {
  /** The loop is a serial await. */
  record Flagged(Finding finding) implements LoopVerdict {
    public Flagged {
      requireNonNull(finding, "finding");
    }
  }

  /** The loop is fine; {@code detail} says why in words. */
  record Clean(Reason reason, String detail) implements LoopVerdict {
    public Clean {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }
  }

  /** Why a loop is not reported. */
  enum Reason {
    /** Not a loop over items ({@code while (running)}, a counted retry loop). */
    NOT_OVER_ITEMS,
    /** {@code @Sequential} on the enclosing method or type. */
    SEQUENTIAL,
    /** The body paces itself: {@code Thread.sleep}, a rate limiter. */
    PACED,
    /** A variable carries state from one iteration to the next. */
    LOOP_CARRIED,
    /** All iterations talk over one stateful channel (a stream, a statement, a connection). */
    SHARED_CHANNEL,
    /**
     * The loop can stop before its items run out: a {@code break}, a {@code return} or a
     * short-circuiting stream terminal, whether or not it depends on what a call returned (a first
     * match, a failover, a stop at a sentinel).
     */
    EARLY_EXIT,
    /** The waits go through a {@code @SerializedResource}: a window would not be faster. */
    SERIALIZED_RESOURCE,
    /** Nothing in an iteration waits. */
    NO_WAIT
  }
}
