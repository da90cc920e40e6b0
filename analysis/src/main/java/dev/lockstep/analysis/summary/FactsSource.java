package dev.lockstep.analysis.summary;

import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where summaries get method bodies: the front end reads the facts of a method whose body is in the
 * compilation (javac: any attributed class; JavaParser: any parsed file), and returns empty for
 * library methods, which the catalogue and annotations judge instead.
 */
@FunctionalInterface
public interface FactsSource {
  Optional<MethodFacts> factsFor(MethodRef method);

  /**
   * {@code reader} asked once per method, the answer (also "no body") kept. Not thread-safe, as one
   * compilation or one scan's summaries are not. {@code reader} may ask for other methods while it
   * reads (no {@code computeIfAbsent}, which would fail on that).
   */
  static FactsSource memoised(FactsSource reader) {
    Map<MethodRef, Optional<MethodFacts>> known = new HashMap<>();
    return method -> {
      Optional<MethodFacts> facts = known.get(method);
      if (facts == null) {
        facts = reader.factsFor(method);
        known.put(method, facts);
      }
      return facts;
    };
  }
}
