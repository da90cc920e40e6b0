package dev.lockstep.analysis.summary;

import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.Optional;

/**
 * Where summaries get method bodies: the front end reads the facts of a method whose body is in the
 * compilation (javac: any attributed class; JavaParser: any parsed file), and returns empty for
 * library methods, which the catalogue and annotations judge instead.
 */
@FunctionalInterface
public interface FactsSource {
  Optional<MethodFacts> factsFor(MethodRef method);
}
