package dev.lockstep.analysis.body;

import java.util.Set;

/**
 * A static type as a front end knows it: its erased canonical name and every type it is assignable
 * to. Front ends compute both lazily; {@link #UNKNOWN} stands for a type they could not tell.
 */
public interface JType {
  /** Nothing known: no name, no supertypes. */
  JType UNKNOWN = of("", Set.of(), false);

  /** The erased canonical name ({@code java.util.List}), or empty when unknown. */
  String name();

  /** The name and the names of every supertype and implemented interface. */
  Set<String> closure();

  boolean isArray();

  /** Whether the type is {@code type} or a subtype of it. */
  default boolean isA(String type) {
    return closure().contains(type);
  }

  /** A type whose facts are known up front (tests, class files). */
  static JType of(String name, Set<String> closure, boolean isArray) {
    Set<String> all = Set.copyOf(closure);
    return new JType() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> closure() {
        return all;
      }

      @Override
      public boolean isArray() {
        return isArray;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
