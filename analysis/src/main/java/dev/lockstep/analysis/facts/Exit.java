package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * A way out of a loop before its items run out.
 *
 * @param kind how the loop is left
 * @param dependsOnCallResult whether the exit is taken because of what a call in the iteration
 *     returned (its guard or returned value involves a call, or a variable assigned from one)
 * @param location where the exit is
 */
public record Exit(Kind kind, boolean dependsOnCallResult, Location location) {
  /** How the loop is left. */
  public enum Kind {
    BREAK,
    RETURN,
    /** A short-circuiting stream terminal: {@code findFirst}, {@code anyMatch}, {@code limit}. */
    SHORT_CIRCUIT
  }

  public Exit {
    requireNonNull(kind, "kind");
    requireNonNull(location, "location");
  }
}
