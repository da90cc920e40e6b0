package dev.lockstep.analysis.finding;

import static java.util.Objects.requireNonNull;

/** What a front end should do about a finding's source: rewrite it, or explain why not. */
public sealed interface FixPlan {
  /**
   * Rewrite the loop into a bounded window.
   *
   * @param shape which call to emit
   * @param window the window {@code k}
   * @param collector for {@link Shape#MAP}: the list the results are appended to
   */
  record Rewrite(Shape shape, int window, String collector) implements FixPlan {
    public Rewrite {
      requireNonNull(shape, "shape");
      requireNonNull(collector, "collector");
    }

    /**
     * The statement that replaces the loop, the same in every front end: {@code
     * results.addAll(BoundedWindow.of(5).map(items, lambda));} or {@code
     * BoundedWindow.of(5).forEach(items, lambda);}.
     *
     * @param windowType how the source names the window class (simple or qualified)
     */
    public String statement(String windowType, String items, String lambda) {
      String window = windowType + ".of(" + this.window + ")";
      return shape == Shape.MAP
          ? collector + ".addAll(" + window + ".map(" + items + ", " + lambda + "));"
          : window + ".forEach(" + items + ", " + lambda + ");";
    }
  }

  /** No safe rewrite; the reason is shown in the message. */
  record NoRewrite(String reason) implements FixPlan {
    public NoRewrite {
      requireNonNull(reason, "reason");
    }
  }

  /** The shapes of rewrite. */
  enum Shape {
    /** {@code BoundedWindow.of(k).forEach(items, item -> { body });}: side effects only. */
    FOR_EACH,
    /**
     * {@code results.addAll(BoundedWindow.of(k).map(items, item -> { body; return value; }));}:
     * results collected in item order, as the loop's {@code results.add(value)} did.
     */
    MAP
  }
}
