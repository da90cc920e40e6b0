package dev.lockstep.analysis.facts;

/**
 * What one argument of a call is, as far as a callee's {@link Guard.Kind#PARAMETER} guards can use
 * it: a boolean constant decides them, the caller's own parameter passes them on.
 *
 * @param kind what the argument is
 * @param parameter for {@link Kind#PARAMETER}: the index of the caller's parameter passed
 * @param name for {@link Kind#SHARED}: the variable's name
 */
public record Argument(Kind kind, int parameter, String name) {
  /** What an argument is. */
  public enum Kind {
    TRUE,
    FALSE,
    /** One of the calling method's parameters, passed as it is. */
    PARAMETER,
    /**
     * A variable every run of the scope sees the same: a field, or a variable from outside the loop
     * (a stream every iteration reads).
     */
    SHARED,
    OTHER
  }

  public static final Argument OTHER = new Argument(Kind.OTHER, -1, "");
  public static final Argument TRUE = new Argument(Kind.TRUE, -1, "");
  public static final Argument FALSE = new Argument(Kind.FALSE, -1, "");

  public static Argument parameter(int index) {
    return new Argument(Kind.PARAMETER, index, "");
  }

  public static Argument shared(String name) {
    return new Argument(Kind.SHARED, -1, name);
  }
}
