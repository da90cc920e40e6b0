package dev.lockstep.analysis.read;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Method names that say they are a phase of an object's life ({@code start}, {@code init}, {@code
 * shutdownBlocking}, {@code initializeTrackers}), not a request it serves. A method so named runs
 * once or a few times per process, so waits in a row inside it cost once, not per request; and
 * calls so named are ordered on purpose (a component is started before the next one relies on it),
 * whatever the code spells out. Names only, by the first word of the camel-case name.
 */
public final class LifecyclePhases {
  private static final Set<String> PHASES =
      Set.of(
          "init",
          "initialize",
          "initialise",
          "start",
          "startup",
          "stop",
          "restart",
          "shutdown",
          "close",
          "destroy",
          "dispose",
          "terminate",
          "setup",
          "teardown",
          "bootstrap",
          "boot",
          "launch");

  private static final Pattern FIRST_WORD = Pattern.compile("^([a-z]+)(?:[A-Z0-9_].*)?$");

  private LifecyclePhases() {}

  /**
   * Whether {@code name} ({@code start}, {@code initializeTrackers}, {@code setUp}) names a phase
   * of a life cycle.
   */
  public static boolean isPhase(String name) {
    if (PHASES.contains(name) || name.equals("setUp") || name.equals("tearDown")) {
      return true;
    }
    var m = FIRST_WORD.matcher(name);
    return m.matches() && PHASES.contains(m.group(1));
  }
}
