package dev.lockstep.analysis.summary;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.List;
import java.util.Set;

/**
 * Which methods run a lambda passed to them before they return ({@code Iterable.forEach}, {@code
 * Optional.map}, a stream step, {@code BoundedWindow.map}), and which keep it for later ({@code
 * ExecutorService.submit}, {@code CompletableFuture.supplyAsync}, a listener). A wait inside a
 * deferred lambda is not a wait of the scope that creates the lambda.
 *
 * <p>Unknown methods (the user's own {@code retry(() -> ...)}) count as synchronous unless their
 * name says they schedule ({@code submit}, {@code execute}, {@code schedule...}, {@code ...Async},
 * {@code then...}, {@code on...}, {@code subscribe}, {@code addListener}, ...) or store ({@code
 * add...}, {@code put...}, {@code offer...}, {@code push}, {@code set...}: {@code tasks.add(() ->
 * send(id))} fills a list of tasks for {@code invokeAll} later; this holds for {@code java.util}
 * collections too, whose other methods run what they are given).
 */
public final class LambdaPolicy {
  private static final List<String> DEFERRING_PACKAGES =
      List.of(
          "java.util.concurrent.",
          "java.lang.Thread",
          "java.lang.Runtime",
          "java.util.Timer",
          "java.awt.",
          "javax.swing.",
          "reactor.",
          "io.reactivex.",
          "io.netty.",
          "io.vertx.",
          "akka.",
          "org.springframework.scheduling.",
          "com.google.common.util.concurrent.");

  private static final Set<String> SYNCHRONOUS_CONCURRENT =
      Set.of(
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque");

  private static final List<String> DEFERRING_NAME_PREFIXES =
      List.of(
          "submit",
          "execute",
          "schedule",
          "runAsync",
          "supplyAsync",
          "then",
          "when",
          "handle",
          "exceptionally",
          "subscribe",
          "addListener",
          "addCallback",
          "register",
          "enqueue",
          "dispatch",
          "post",
          "spawn",
          "fork",
          "start",
          "on");

  private static final List<String> STORING_NAME_PREFIXES =
      List.of("add", "put", "offer", "push", "set", "insert", "store");

  private LambdaPolicy() {}

  /** Whether a call inside lambdas passed along {@code runVia} runs when its scope runs. */
  public static boolean runsInScope(CallSite call) {
    for (MethodRef via : call.runVia()) {
      if (!runsSynchronously(via)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code consumer} runs the lambda passed to it before returning. */
  public static boolean runsSynchronously(MethodRef consumer) {
    if (consumer.equals(CallSite.STORED)) {
      return false;
    }
    String name = consumer.name();
    if (hasPrefix(name, STORING_NAME_PREFIXES)) {
      return false;
    }
    String owner = consumer.owner();
    if (SYNCHRONOUS_CONCURRENT.contains(owner)) {
      return true;
    }
    for (String prefix : DEFERRING_PACKAGES) {
      if (owner.startsWith(prefix)) {
        return false;
      }
    }
    if (owner.startsWith("java.util.") || owner.startsWith("java.lang.Iterable")) {
      return true;
    }
    return !name.endsWith("Async") && !hasPrefix(name, DEFERRING_NAME_PREFIXES);
  }

  /** {@code name} is one of the words or starts with one followed by a capital: add, addTask. */
  private static boolean hasPrefix(String name, List<String> words) {
    for (String word : words) {
      if (name.startsWith(word)
          && (name.length() == word.length()
              || Character.isUpperCase(name.charAt(word.length())))) {
        return true;
      }
    }
    return false;
  }
}
