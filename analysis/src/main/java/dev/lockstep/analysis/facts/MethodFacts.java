package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything a front end reads off one method (or constructor, or initialiser).
 *
 * @param method the method
 * @param location its declaration
 * @param methodMarks intent annotations on the method
 * @param typeMarks intent annotations on its declaring type and the types enclosing that
 * @param calls the calls in its body, with receivers relative to the method; calls inside lambdas
 *     carry {@link CallSite#runVia()}; calls in local and anonymous classes belong to those
 *     classes' methods
 * @param lockRegions regions holding a lock
 */
public record MethodFacts(
    MethodRef method,
    Location location,
    Marks methodMarks,
    Marks typeMarks,
    List<CallSite> calls,
    List<LockRegion> lockRegions) {
  public MethodFacts {
    requireNonNull(method, "method");
    requireNonNull(location, "location");
    requireNonNull(methodMarks, "methodMarks");
    requireNonNull(typeMarks, "typeMarks");
    calls = List.copyOf(calls);
    lockRegions = List.copyOf(lockRegions);
  }

  /** Facts with calls only; for tests and for front ends that read nothing else. */
  public static MethodFacts ofCalls(MethodRef method, Location location, List<CallSite> calls) {
    return new MethodFacts(method, location, Marks.NONE, Marks.NONE, calls, List.of());
  }

  /** The method's own marks and its type's. */
  public Marks allMarks() {
    return methodMarks.plus(typeMarks);
  }
}
