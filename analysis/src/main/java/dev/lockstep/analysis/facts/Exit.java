package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * A way out of a loop before its items run out.
 *
 * @param kind how the loop is left
 * @param location where the exit is
 */
public record Exit(Kind kind, Location location) {
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
