package dev.lockstep.analysis.read;

import java.util.Set;

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

  private static final String[] PHASE_WORDS = PHASES.toArray(String[]::new);

  private LifecyclePhases() {}

  /**
   * Whether {@code name} ({@code start}, {@code initializeTrackers}, {@code setUp}) names a phase
   * of a life cycle.
   */
  public static boolean isPhase(String name) {
    if (PHASES.contains(name) || name.equals("setUp") || name.equals("tearDown")) {
      return true;
    }
    // The first word: the lower-case letters before an upper-case letter, a digit or '_' (asked
    // of every method of a build, so no regular expression).
    int end = 0;
    while (end < name.length() && name.charAt(end) >= 'a' && name.charAt(end) <= 'z') {
      end++;
    }
    if (end == 0 || end == name.length()) {
      return false; // no first word, or the whole name, which PHASES did not hold
    }
    char next = name.charAt(end);
    boolean wordEnds = (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next == '_';
    return wordEnds && isPhaseWord(name, end);
  }

  /**
   * Whether the first {@code length} characters of {@code name} are a phase: compared in place,
   * since a substring made of every method's first word was most of this test's cost.
   */
  private static boolean isPhaseWord(String name, int length) {
    for (String phase : PHASE_WORDS) {
      if (phase.length() == length && name.startsWith(phase)) {
        return true;
      }
    }
    return false;
  }
}
