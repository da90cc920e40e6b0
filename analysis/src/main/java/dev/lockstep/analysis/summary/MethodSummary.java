package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.MethodRef;
import java.util.Optional;

/**
 * What a method does, transitively, when called: computed once per method and compilation.
 *
 * @param method the method
 * @param waitChain the shortest chain to a wait that does not go through a serialized resource, if
 *     the method waits within the depth bound
 * @param serializedWait the shortest chain to a wait through a {@code @SerializedResource} (or
 *     {@code @ResourceParallelism(1)}) target, if any. The FakeConcurrency analysis extends this
 *     record with the serialization points reached while waiting.
 */
public record MethodSummary(
    MethodRef method, Optional<WaitChain> waitChain, Optional<WaitChain> serializedWait) {
  public MethodSummary {
    requireNonNull(method, "method");
    requireNonNull(waitChain, "waitChain");
    requireNonNull(serializedWait, "serializedWait");
  }

  public static MethodSummary none(MethodRef method) {
    return new MethodSummary(method, Optional.empty(), Optional.empty());
  }

  public boolean waits() {
    return waitChain.isPresent();
  }
}
