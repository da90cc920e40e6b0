package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one call costs its caller, with the body followed: the shortest chain to a wait, and the
 * shortest chain to a wait through a serialized resource.
 */
public record CallWait(
    CallJudge.Verdict verdict, Optional<WaitChain> waitChain, Optional<WaitChain> serializedWait) {
  public CallWait {
    requireNonNull(verdict, "verdict");
    requireNonNull(waitChain, "waitChain");
    requireNonNull(serializedWait, "serializedWait");
  }
}
