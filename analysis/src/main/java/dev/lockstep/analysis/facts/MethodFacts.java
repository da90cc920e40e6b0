package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

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
 * @param returns what each return statement gives back, as far as callers use it (a URL that stays
 *     on this machine)
 * @param confinedParameters the indexes of the parameters the body only calls methods on (not kept,
 *     not handed on, not seen by a lambda): done with when the method returns
 */
public record MethodFacts(
    MethodRef method,
    Location location,
    Marks methodMarks,
    Marks typeMarks,
    List<CallSite> calls,
    List<LockRegion> lockRegions,
    List<Argument> returns,
    Set<Integer> confinedParameters) {
  public MethodFacts {
    requireNonNull(method, "method");
    requireNonNull(location, "location");
    requireNonNull(methodMarks, "methodMarks");
    requireNonNull(typeMarks, "typeMarks");
    calls = List.copyOf(calls);
    lockRegions = List.copyOf(lockRegions);
    returns = List.copyOf(returns);
    confinedParameters = Set.copyOf(confinedParameters);
  }

  public MethodFacts(
      MethodRef method,
      Location location,
      Marks methodMarks,
      Marks typeMarks,
      List<CallSite> calls,
      List<LockRegion> lockRegions) {
    this(method, location, methodMarks, typeMarks, calls, lockRegions, List.of(), Set.of());
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
