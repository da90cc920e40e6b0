package dev.lockstep.analysis.rules;

import java.util.Optional;
import java.util.Set;

/**
 * When a loop body may not move into a window: it changes a collection or builder that outlives the
 * iteration and is not thread-safe. The serial loop was safe; the window's lanes would change it
 * from several threads at once. Both front ends find the changing calls and ask here.
 */
public final class SharedMutation {
  /** Methods that change a collection or a builder. */
  private static final Set<String> MUTATORS =
      Set.of(
          "add",
          "addAll",
          "addFirst",
          "addLast",
          "append",
          "clear",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "insert",
          "merge",
          "offer",
          "poll",
          "pop",
          "push",
          "put",
          "putAll",
          "putIfAbsent",
          "remove",
          "removeAll",
          "removeIf",
          "replace",
          "replaceAll",
          "retainAll",
          "set",
          "setLength",
          "sort");

  private static final String ADVICE =
      "in a window the items would change it from several threads at once (collect results with"
          + " BoundedWindow.map, or use a concurrent collection)";

  private SharedMutation() {}

  /** Whether a method of this name changes the collection or builder it is called on. */
  public static boolean isMutator(String methodName) {
    return MUTATORS.contains(methodName);
  }

  /**
   * Why calling a mutator on {@code variable}, declared with the erased canonical type {@code
   * declaredType} (empty when unknown), blocks the rewrite; empty if it does not. Only the declared
   * type is trusted: a {@code Map} holding a {@code ConcurrentHashMap} still counts.
   */
  public static Optional<String> blocker(String variable, Optional<String> declaredType) {
    String type = declaredType.orElse("");
    boolean notThreadSafe =
        type.isEmpty()
            || (type.startsWith("java.util.") && !type.startsWith("java.util.concurrent."))
            || type.equals("java.lang.StringBuilder");
    if (!notThreadSafe) {
      return Optional.empty();
    }
    String simple = type.isEmpty() ? "value" : type.substring(type.lastIndexOf('.') + 1);
    return Optional.of(
        String.format(
            "the body changes '%s', a %s shared by all iterations that is not thread-safe: %s",
            variable, simple, ADVICE));
  }
}
