package dev.lockstep.analysis.finding;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * The numbers of an effective-parallelism finding: the window a pipeline offers and the parallelism
 * its tasks actually get.
 *
 * @param window {@code k} when known (empty: not a constant, or unbounded)
 * @param effective {@code min(k, parallelism of every serialization point on the chain)}
 * @param bottleneck how diagnostics name the limiting serialization point
 */
public record Parallelism(OptionalInt window, int effective, String bottleneck) {
  public Parallelism {
    requireNonNull(window, "window");
    requireNonNull(bottleneck, "bottleneck");
    if (effective < 1) {
      throw new IllegalArgumentException("effective parallelism must be >= 1: " + effective);
    }
  }
}
