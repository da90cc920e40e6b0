package dev.lockstep.benchmarks.compile;

import java.util.List;
import java.util.Map;

/**
 * What one run reported, besides its time.
 *
 * @param success the tool finished and reported no error (for javac: {@code call()} returned true)
 * @param errors error diagnostics, of javac and of checks
 * @param warnings warnings, of javac and of checks
 * @param findingsPerCheck Error Prone diagnostics by check name (Error Prone's own and Lockstep's)
 * @param crashes checks that threw, and exceptions thrown out of the tool itself
 * @param otherErrors the first few errors that are neither a finding nor a crash (a corpus problem)
 * @param checkSeconds Error Prone's stopwatch per check name, in seconds (see {@link
 *     CheckTimings}); empty when not read
 */
public record Outcome(
    boolean success,
    int errors,
    int warnings,
    Map<String, Integer> findingsPerCheck,
    List<Crash> crashes,
    List<String> otherErrors,
    Map<String, Double> checkSeconds) {

  /** Copies the collections. */
  public Outcome {
    findingsPerCheck = Map.copyOf(findingsPerCheck);
    crashes = List.copyOf(crashes);
    otherErrors = List.copyOf(otherErrors);
    checkSeconds = Map.copyOf(checkSeconds);
  }

  /** Findings of the checks named in {@code checks}, summed. */
  public int findingsOf(List<String> checks) {
    return checks.stream().mapToInt(check -> findingsPerCheck.getOrDefault(check, 0)).sum();
  }

  /** All Error Prone findings, summed. */
  public int findings() {
    return findingsPerCheck.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * A check that threw (Error Prone reports it as an error diagnostic "An unhandled exception was
   * thrown by the Error Prone static analysis plugin" naming the {@code BugPattern}), or an
   * exception out of the tool itself ({@code check} is then {@code "<tool>"}).
   *
   * @param check the check's name, or {@code "<tool>"}, or {@code "<unknown>"}
   * @param location {@code file:line} where the check was looking, if known
   * @param message the whole report, stack trace included: the start of a regression test
   */
  public record Crash(String check, String location, String message) {}
}
