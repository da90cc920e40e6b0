package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.JType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code BoundedWindow.of(k).<name>(items, item -> body)} would type-check in place of one
 * enhanced {@code for} loop, decided once for both front ends: the items' type against the method's
 * parameter, the loop variable against the element type, the function type's exceptions against
 * what the body throws, and what the window's method throws against what the enclosing method
 * declares or catches. The front end answers the type questions ({@link Types}); types are compared
 * erased, by canonical name, through {@link JType#closure()}.
 *
 * <p>What does not fit becomes a blocker the rule reports in words, so no fix is suggested that
 * would not compile. What the front end cannot resolve is taken to fit (the scanner then claims a
 * rewrite the checker might refuse, in the message only: the scanner never edits code).
 */
public final class WindowTypeFit {
  private static final String THROWABLE = "java.lang.Throwable";
  private static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
  private static final String ERROR = "java.lang.Error";

  private WindowTypeFit() {}

  /**
   * One public instance method of {@code BoundedWindow} taking {@code (items, function)}.
   *
   * @param itemsParameter the erased name of its first parameter's type
   * @param function its second parameter's function type, empty when that is not one
   * @param returnClosure its return type's closure
   * @param thrown what it declares it throws, in order
   */
  public record WindowMethod(
      String itemsParameter,
      Optional<FunctionType> function,
      Set<String> returnClosure,
      List<Declared> thrown) {}

  /**
   * A function type's method: whether it returns nothing, and the erased names of the exceptions it
   * allows (a type variable by its bound).
   */
  public record FunctionType(boolean returnsVoid, List<String> allowed) {}

  /**
   * An exception a window method declares; a type variable by its bound. {@code ofFunction}: the
   * variable is the function type's own ({@code <E extends Exception> ... throws E}).
   */
  public record Declared(JType type, boolean ofFunction) {}

  /** The type questions, answered by the front end for one loop. */
  public interface Types {
    /** Whether {@code BoundedWindow} has a public static {@code of(int)}. */
    boolean hasFactory();

    /** The public instance method {@code name(items, function)}, if there is one. */
    Optional<WindowMethod> method(String name);

    /** The items' static type; empty when it does not resolve. */
    Optional<JType> items();

    /** Whether the loop variable's declared type is the items' element type, erased. */
    boolean variableFitsElement();

    /** Checked exceptions the loop body throws that no try inside it catches, in source order. */
    List<JType> bodyThrows();

    /** The type of that canonical name, if it resolves. */
    Optional<JType> type(String name);

    /** Whether the enclosing method declares it, or a try around the loop inside it catches it. */
    boolean handled(JType thrown);
  }

  /**
   * Why {@code BoundedWindow.<name>} would not fit, if it would not; {@code map} needs a result.
   */
  public static Optional<String> blocker(Types types, String name, boolean needsResult) {
    if (!types.hasFactory()) {
      return Optional.of("BoundedWindow has no static of(int)");
    }
    Optional<WindowMethod> found = types.method(name);
    if (found.isEmpty()) {
      return Optional.of("BoundedWindow has no " + name + "(items, function)");
    }
    WindowMethod method = found.orElseThrow();
    Optional<JType> items = types.items();
    if (items.isEmpty()) {
      return Optional.empty(); // does not resolve: taken to fit
    }
    if (!items.orElseThrow().isA(method.itemsParameter())) {
      return Optional.of(
          "BoundedWindow." + name + " does not take " + simple(items.orElseThrow().name()));
    }
    if (!types.variableFitsElement()) {
      return Optional.of("the loop variable's type differs from the items' element type");
    }
    if (method.function().isEmpty()) {
      return Optional.of("BoundedWindow." + name + " does not take a function");
    }
    FunctionType function = method.function().orElseThrow();
    if (needsResult && function.returnsVoid()) {
      return Optional.of("BoundedWindow.map's function returns nothing");
    }
    if (needsResult && !method.returnClosure().contains("java.util.Collection")) {
      return Optional.of("BoundedWindow.map does not return a collection");
    }
    List<JType> bodyThrows = types.bodyThrows();
    for (JType thrown : bodyThrows) {
      if (!coveredBy(thrown, function.allowed())) {
        return Optional.of(
            "the body throws "
                + simple(thrown.name())
                + ", which BoundedWindow."
                + name
                + "'s function type does not allow");
      }
    }
    for (Declared declared : method.thrown()) {
      if (declared.ofFunction()) {
        // javac infers E as the least upper bound of what the body throws (JLS 18.4), so
        // IOException and InterruptedException together make the window throw Exception.
        if (bodyThrows.isEmpty()) {
          continue; // E is inferred as RuntimeException
        }
        Optional<JType> inferred = leastUpperBound(types, bodyThrows);
        if (inferred.isPresent() && types.handled(inferred.orElseThrow())) {
          continue;
        }
        return Optional.of(
            "BoundedWindow."
                + name
                + " would throw "
                + inferred.map(t -> simple(t.name())).orElse("Exception")
                + " (what the body throws, as one type), which the enclosing method neither"
                + " declares nor catches");
      }
      if (isChecked(declared.type()) && !types.handled(declared.type())) {
        return Optional.of(
            "BoundedWindow."
                + name
                + " throws "
                + simple(declared.type().name())
                + ", which the enclosing method neither declares nor catches");
      }
    }
    return Optional.empty();
  }

  /** A throwable that is neither a {@code RuntimeException} nor an {@code Error}. */
  public static boolean isChecked(JType type) {
    return type.isA(THROWABLE) && !type.isA(RUNTIME_EXCEPTION) && !type.isA(ERROR);
  }

  /** Whether {@code thrown} is one of the {@code allowed} types (erased names) or a subtype. */
  public static boolean coveredBy(JType thrown, Collection<String> allowed) {
    for (String a : allowed) {
      if (thrown.isA(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * javac's {@code lub} for exception classes: of the types every one extends, the one that extends
   * all the others (exceptions are classes, so they form one chain).
   */
  private static Optional<JType> leastUpperBound(Types types, List<JType> thrown) {
    Set<String> common = new HashSet<>(thrown.get(0).closure());
    thrown.forEach(t -> common.retainAll(t.closure()));
    for (String candidate : common) {
      Optional<JType> type = types.type(candidate);
      if (type.isPresent() && type.orElseThrow().closure().containsAll(common)) {
        return type;
      }
    }
    return Optional.empty();
  }

  /** The simple name of an erased canonical name; {@code String[]} for an array. */
  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
