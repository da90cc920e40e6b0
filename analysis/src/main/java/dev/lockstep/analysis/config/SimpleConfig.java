package dev.lockstep.analysis.config;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.Catalogue;

/** A {@link LockstepConfig} of fixed values, validated once. */
record SimpleConfig(Catalogue catalogue, int maxDepth, int window, int cores)
    implements LockstepConfig {
  SimpleConfig {
    requireNonNull(catalogue, "catalogue");
    if (maxDepth < 0) {
      throw new IllegalArgumentException("MaxDepth must be >= 0, got " + maxDepth);
    }
    if (window < 1) {
      throw new IllegalArgumentException("Window must be >= 1, got " + window);
    }
    if (cores < 1) {
      throw new IllegalArgumentException("Cores must be >= 1, got " + cores);
    }
  }
}
