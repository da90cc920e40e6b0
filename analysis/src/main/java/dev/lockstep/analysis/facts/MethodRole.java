package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What a method is to the threads that call it, as far as its declaration says: the annotations on
 * it and on its class, the class's supertypes, its modifiers. {@code LockHeldAcrossWait} reads from
 * it whether the method's callers run concurrently (a request handler, a method of a bean every
 * request thread shares) and whether the object whose lock it takes is one for the whole program (a
 * singleton, a bean, an enum). Front ends only report the declaration; the rule judges.
 *
 * @param name the method's name ({@code <init>} for a constructor)
 * @param annotations the simple names of the annotations on the method ({@code GetMapping})
 * @param typeAnnotations the simple names of the annotations on its declaring class
 * @param supertypes the declaring class's qualified name and those of all its supertypes
 * @param isPublic whether the method is declared {@code public}
 * @param isPrivate whether the method is declared {@code private}
 * @param isProtected whether the method is declared {@code protected}
 * @param isStatic whether the method is static
 * @param isConstructor whether it is a constructor (or an initialiser)
 * @param typeIsEnum whether the declaring class is an enum: its constants are singletons
 */
public record MethodRole(
    String name,
    Set<String> annotations,
    Set<String> typeAnnotations,
    Set<String> supertypes,
    boolean isPublic,
    boolean isPrivate,
    boolean isProtected,
    boolean isStatic,
    boolean isConstructor,
    boolean typeIsEnum) {
  public MethodRole {
    requireNonNull(name, "name");
    annotations = Set.copyOf(annotations);
    typeAnnotations = Set.copyOf(typeAnnotations);
    supertypes = Set.copyOf(supertypes);
  }

  /** Whether the method is annotated with one of {@code simpleNames}. */
  public boolean annotatedWithAny(Set<String> simpleNames) {
    return annotations.stream().anyMatch(simpleNames::contains);
  }

  /** Whether the declaring class is annotated with one of {@code simpleNames}. */
  public boolean typeAnnotatedWithAny(Set<String> simpleNames) {
    return typeAnnotations.stream().anyMatch(simpleNames::contains);
  }

  /** Whether the declaring class is, or extends or implements, one of {@code qualifiedNames}. */
  public boolean isA(Set<String> qualifiedNames) {
    return supertypes.stream().anyMatch(qualifiedNames::contains);
  }
}
