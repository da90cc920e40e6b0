package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.MethodRef;
import java.util.List;
import java.util.Optional;

/**
 * What a method does, transitively, when called: computed once per method and compilation.
 *
 * @param method the method
 * @param waitChain the shortest chain to a wait that does not go through a serialized resource, if
 *     the method waits within the depth bound
 * @param serializedWait the shortest chain to a wait through a {@code @SerializedResource} (or
 *     {@code @ResourceParallelism(1)}) target, if any
 * @param serialPoints the serialization points a call of the method reaches (within the depth
 *     bound), each with its shortest path; anchored relative to the method's receiver ({@link
 *     SerialPoint.Anchor})
 */
public record MethodSummary(
    MethodRef method,
    Optional<WaitChain> waitChain,
    Optional<WaitChain> serializedWait,
    List<SerialPoint> serialPoints) {
  public MethodSummary {
    requireNonNull(method, "method");
    requireNonNull(waitChain, "waitChain");
    requireNonNull(serializedWait, "serializedWait");
    serialPoints = List.copyOf(serialPoints);
  }

  /** A summary without serialization points. */
  public MethodSummary(
      MethodRef method, Optional<WaitChain> waitChain, Optional<WaitChain> serializedWait) {
    this(method, waitChain, serializedWait, List.of());
  }

  public static MethodSummary none(MethodRef method) {
    return new MethodSummary(method, Optional.empty(), Optional.empty());
  }

  public boolean waits() {
    return waitChain.isPresent();
  }

  MethodSummary withSerialPoints(List<SerialPoint> points) {
    return new MethodSummary(method, waitChain, serializedWait, points);
  }
}
