package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;

/**
 * One step of a witness chain: the called method as diagnostics name it ({@code publish}, {@code
 * HttpClient.send}), where the call is, and the condition it runs under there (empty when it runs
 * whenever its body does).
 */
public record Hop(String name, Location location, String condition) {
  public Hop {
    requireNonNull(name, "name");
    requireNonNull(location, "location");
    requireNonNull(condition, "condition");
  }

  /** A step made whenever its body runs. */
  public Hop(String name, Location location) {
    this(name, location, "");
  }

  public boolean conditional() {
    return !condition.isEmpty();
  }

  /**
   * {@code publish at Relay.java:20}, {@code fetch at Store.java:9 (if !local)}; a call in a
   * library's class file names its jar: {@code CountDownLatch.await [acme-rpc-2.1.jar:57]}.
   */
  public String render() {
    String at =
        location.classFile()
            ? name + " [" + location.render() + "]"
            : location.line() > 0 ? name + " at " + location.render() : name;
    return condition.isEmpty() ? at : at + " (if " + condition + ")";
  }
}
