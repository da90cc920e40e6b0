package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a front end knows about rewriting a loop into {@code BoundedWindow.of(k).map/forEach}. The
 * rule decides from these whether (and into which shape) to rewrite; the front end then edits the
 * source.
 *
 * @param windowOnClasspath whether {@code dev.lockstep.window.BoundedWindow} resolves
 * @param leavesLoop whether the body has a {@code break}, {@code continue} or {@code return} that
 *     leaves the body (ones inside nested loops, switches, lambdas or classes don't count)
 * @param capturesMutableLocal whether the body reads a local declared outside it that is not
 *     (effectively) final, which a lambda cannot capture
 * @param collector the list the body's last statement appends its result to, when that is the
 *     body's only use of the list, the list is a local created empty before the loop, and nothing
 *     else happens to it until after the loop
 * @param forEachBlocker why {@code forEach(items, item -> body)} would not compile or would change
 *     behaviour (a checked exception neither declared nor caught, an item type mismatch), if so
 * @param mapBlocker the same for {@code results.addAll(map(items, item -> ...))}
 */
public record FixFacts(
    boolean windowOnClasspath,
    boolean leavesLoop,
    boolean capturesMutableLocal,
    Optional<String> collector,
    Optional<String> forEachBlocker,
    Optional<String> mapBlocker) {
  /** For front ends (and loops) that cannot rewrite at all. */
  public static final FixFacts NONE =
      new FixFacts(
          false, false, false, Optional.empty(), Optional.of("not rewritable"), Optional.empty());

  public FixFacts {
    requireNonNull(collector, "collector");
    requireNonNull(forEachBlocker, "forEachBlocker");
    requireNonNull(mapBlocker, "mapBlocker");
  }
}
