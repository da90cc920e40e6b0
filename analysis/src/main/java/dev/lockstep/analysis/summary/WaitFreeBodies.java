package dev.lockstep.analysis.summary;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.Set;

/**
 * What a front end can tell of a method before its body is read: that the body cannot reach a wait
 * within some number of bodies. {@link Summaries} then answers "no chain" for it without reading
 * (lowering, decoding) the body, and reads it only for what else it is asked (serialization points,
 * a URL returned). Only a sound answer may be given: "cannot" must mean that the summaries, reading
 * the body, would find no chain of any tag a verdict waits with ({@link #TAGS}), direct or through
 * a serialized resource, within the budget. The summaries tell it what they found ({@link #found}),
 * so that a front end may keep that for the next build (ADR 0029).
 */
@FunctionalInterface
public interface WaitFreeBodies {
  /** A front end that tells nothing: every body is read. */
  WaitFreeBodies UNKNOWN = (method, budget) -> false;

  /**
   * The tags a call's verdict may wait with ({@link CallJudge}: a lock and a "known not to wait"
   * entry are no waits): what a front end's test must count to answer for the summaries.
   */
  Set<WaitTag> TAGS = Set.of(WaitTag.LATENCY, WaitTag.AWAIT, WaitTag.CHANNEL, WaitTag.PACING);

  /**
   * Whether {@code method}'s body surely reaches no wait within {@code budget} bodies, its own the
   * first (a wait it calls directly is within 1).
   */
  boolean cannotWaitWithin(MethodRef method, int budget);

  /**
   * What the summaries found by reading {@code method}'s body, run as its own class: whether it
   * reaches no wait within {@code budget} bodies.
   */
  default void found(MethodRef method, int budget, boolean waitFree) {}
}
