package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one value passed or returned is, as far as a callee's summary can use it: a boolean constant
 * decides its {@link Guard.Kind#PARAMETER} guards, the caller's own parameter passes them on, and a
 * URL that stays on this machine ({@link Kind#LOCAL_URL}) rules out the round trip of a read made
 * on it.
 *
 * @param kind what the value is
 * @param parameter for {@link Kind#PARAMETER}: the index of the caller's parameter passed (or the
 *     one a URL is built from: {@code new URL(base, name)})
 * @param name for {@link Kind#SHARED}: the variable's name
 * @param returnedBy for {@link Kind#RETURNED}: the method whose result it is
 */
public record Argument(Kind kind, int parameter, String name, Optional<MethodRef> returnedBy) {
  /** What a value is. */
  public enum Kind {
    TRUE,
    FALSE,
    /** One of the calling method's parameters, passed as it is. */
    PARAMETER,
    /**
     * A variable every run of the scope sees the same: a field, or a variable from outside the loop
     * (a stream every iteration reads).
     */
    SHARED,
    /**
     * A URL (or URI, or connection) that stays on this machine: a classpath resource, a file, a
     * {@code jar:} or {@code file:} URL.
     */
    LOCAL_URL,
    /**
     * Built on a parameter of the enclosing method, in a scope that does not number them (a loop
     * body): the method's callers decide what it is.
     */
    CALLER,
    /** What a method of the sources returns ({@code jarBaseUrl(url)}): its summary decides. */
    RETURNED,
    OTHER
  }

  public static final Argument OTHER = new Argument(Kind.OTHER, -1, "", Optional.empty());
  public static final Argument TRUE = new Argument(Kind.TRUE, -1, "", Optional.empty());
  public static final Argument FALSE = new Argument(Kind.FALSE, -1, "", Optional.empty());
  public static final Argument LOCAL_URL = new Argument(Kind.LOCAL_URL, -1, "", Optional.empty());
  public static final Argument CALLER = new Argument(Kind.CALLER, -1, "", Optional.empty());

  public Argument {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(returnedBy, "returnedBy");
  }

  public static Argument parameter(int index) {
    return new Argument(Kind.PARAMETER, index, "", Optional.empty());
  }

  public static Argument shared(String name) {
    return new Argument(Kind.SHARED, -1, name, Optional.empty());
  }

  public static Argument returnedBy(MethodRef method) {
    return new Argument(Kind.RETURNED, -1, "", Optional.of(method));
  }
}
