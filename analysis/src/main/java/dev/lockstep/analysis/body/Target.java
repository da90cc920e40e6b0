package dev.lockstep.analysis.body;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.Set;

/**
 * What a call, constructor call or method reference resolves to.
 *
 * @param ref the method, spelled as every front end spells it
 * @param owner the declaring type
 * @param matchOwners every type the catalogue may know the call by (see {@code
 *     CallSite#matchOwners})
 * @param isStatic a static method
 * @param isConstructor a constructor ({@code new X()}, {@code this(...)}, {@code super(...)})
 * @param isSynchronized whether it is a synchronized method (for library methods, the class file's
 *     flag)
 * @param methodMarks intent annotations on the method
 * @param ownerMarks intent annotations on the declaring type and the types enclosing it
 */
public record Target(
    MethodRef ref,
    JType owner,
    Set<String> matchOwners,
    boolean isStatic,
    boolean isConstructor,
    boolean isSynchronized,
    Marks methodMarks,
    Marks ownerMarks) {
  public Target {
    requireNonNull(ref, "ref");
    requireNonNull(owner, "owner");
    matchOwners = Set.copyOf(matchOwners);
    requireNonNull(methodMarks, "methodMarks");
    requireNonNull(ownerMarks, "ownerMarks");
  }

  public String name() {
    return ref.name();
  }
}
