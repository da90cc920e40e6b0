package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A resolved method: {@code owner#name(paramTypes)} with erased, fully qualified types.
 *
 * <p>Types use the canonical name ({@code java.net.http.HttpResponse.BodyHandler}); classes without
 * one (anonymous, local) use their binary name ({@code com.example.Relay$1}). Constructors are
 * named {@code <init>}. Both front ends must spell a method the same way: the call graph and the
 * catalogue are keyed by it.
 */
public record MethodRef(String owner, String name, List<String> paramTypes) {
  /** The name javac and the class file format give constructors. */
  public static final String CONSTRUCTOR = "<init>";

  public MethodRef {
    requireNonNull(owner, "owner");
    requireNonNull(name, "name");
    paramTypes = List.copyOf(paramTypes);
  }

  public static MethodRef of(String owner, String name, String... paramTypes) {
    return new MethodRef(owner, name, List.of(paramTypes));
  }

  /** Parses {@code owner#name(p1,p2)}, the form {@link #toString()} writes. */
  public static MethodRef parse(String text) {
    int hash = text.indexOf('#');
    int open = text.indexOf('(', hash);
    if (hash <= 0 || open < 0 || !text.endsWith(")")) {
      throw new IllegalArgumentException("not owner#name(params): " + text);
    }
    String params = text.substring(open + 1, text.length() - 1).strip();
    List<String> types = new ArrayList<>();
    if (!params.isEmpty()) {
      for (String p : params.split(",", -1)) {
        types.add(p.strip());
      }
    }
    return new MethodRef(text.substring(0, hash), text.substring(hash + 1, open), types);
  }

  /** The owner without its package: {@code HttpClient} for {@code java.net.http.HttpClient}. */
  public String simpleOwner() {
    String flat = owner.substring(owner.lastIndexOf('.') + 1);
    return flat.substring(flat.lastIndexOf('$') + 1);
  }

  /** How diagnostics name the method: {@code HttpClient.send}, or {@code new Socket}. */
  public String displayName() {
    return name.equals(CONSTRUCTOR) ? "new " + simpleOwner() : simpleOwner() + "." + name;
  }

  @Override
  public String toString() {
    return owner + "#" + name + "(" + String.join(",", paramTypes) + ")";
  }
}
