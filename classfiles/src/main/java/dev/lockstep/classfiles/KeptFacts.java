package dev.lockstep.classfiles;

import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.Map;
import java.util.Optional;

/**
 * What one build kept of its libraries for the next ({@link LibraryFactsCache}): the facts of the
 * methods it read ({@code Optional.empty()}: no body to read), and its answers to {@link
 * MayWaitQuestion}s about them.
 */
record KeptFacts(
    Map<MethodRef, Optional<MethodFacts>> facts, Map<MayWaitQuestion, Boolean> answers) {
  static final KeptFacts NONE = new KeptFacts(Map.of(), Map.of());
}
