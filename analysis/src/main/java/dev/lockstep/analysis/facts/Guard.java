package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * The condition a call runs under in its body, as far as it decides whether the call runs every
 * time the body does. Read from the {@code if}s, {@code ?:}s and {@code &&}/{@code ||}s around the
 * call and from the early exits before it ({@code if (cached != null) return cached;}).
 *
 * @param kind what kind of condition it is
 * @param condition the condition under which the call runs, as written (negated with {@code !} when
 *     the call is on the false side); empty for {@link Kind#ALWAYS}
 * @param parameter for {@link Kind#PARAMETER}: the index of the boolean parameter tested
 * @param runsWhen for {@link Kind#PARAMETER}: the parameter's value under which the call runs; for
 *     a {@link Kind#CONDITION} with {@code decidedAt}: the side of that test the call is on
 * @param decidedAt for a {@link Kind#CONDITION} that one test decides alone (an {@code if}, a
 *     {@code ?:}, an early exit): where it is tested, so that calls on its two sides can be told
 *     apart from calls under unrelated conditions; else {@link Location#UNKNOWN}
 */
public record Guard(
    Kind kind, String condition, int parameter, boolean runsWhen, Location decidedAt) {
  /** Kinds of condition, from the one that decides least to the one that decides most. */
  public enum Kind {
    /** No condition: the call runs whenever the body does. */
    ALWAYS,
    /** Some condition on the data: the call runs for some items, maybe all. */
    CONDITION,
    /**
     * A boolean parameter of the method, and nothing else: the caller decides, and a constant
     * argument decides for good ({@code load(id, true)}).
     */
    PARAMETER,
    /**
     * Only while some state is missing: after an "already there? return it" exit, or under a test
     * that a field, a cache entry or a lazily set variable is still absent. The call runs the first
     * time, not every time.
     */
    FIRST_TIME,
    /**
     * In a loop body: a condition on state the body itself changes (a batch buffer's size, a "seen"
     * set, a variable set on the first iteration). The call runs for some iterations because of
     * earlier ones: not once per item, and not independently of the other items.
     */
    CARRIED
  }

  public static final Guard ALWAYS = new Guard(Kind.ALWAYS, "", -1, true, Location.UNKNOWN);

  public Guard {
    requireNonNull(kind, "kind");
    requireNonNull(condition, "condition");
    requireNonNull(decidedAt, "decidedAt");
  }

  public static Guard condition(String condition) {
    return new Guard(Kind.CONDITION, condition, -1, true, Location.UNKNOWN);
  }

  /**
   * A call on one side ({@code holds}) of the test at {@code decidedAt}, and under nothing else.
   */
  public static Guard oneSide(String condition, Location decidedAt, boolean holds) {
    return new Guard(Kind.CONDITION, condition, -1, holds, decidedAt);
  }

  public static Guard onParameter(String condition, int parameter, boolean runsWhen) {
    return new Guard(Kind.PARAMETER, condition, parameter, runsWhen, Location.UNKNOWN);
  }

  public static Guard firstTime(String condition) {
    return new Guard(Kind.FIRST_TIME, condition, -1, true, Location.UNKNOWN);
  }

  public static Guard carried(String condition) {
    return new Guard(Kind.CARRIED, condition, -1, true, Location.UNKNOWN);
  }

  /** Whether the call is on one side of a test that decides it alone. */
  public boolean oneSideOfATest() {
    return kind == Kind.CONDITION && !decidedAt.equals(Location.UNKNOWN);
  }

  /** Whether the call runs every time, or may: not only the first time, not carried. */
  public boolean mayRunEveryTime() {
    return kind != Kind.FIRST_TIME && kind != Kind.CARRIED;
  }
}
