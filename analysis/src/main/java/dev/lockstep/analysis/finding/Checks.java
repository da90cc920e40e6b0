package dev.lockstep.analysis.finding;

import java.util.List;
import java.util.Optional;

/**
 * Every check Lockstep has: its name, one-line summary, documentation link and severity, written
 * here once. The strings are compile-time constants so the checker's {@code @BugPattern}s can use
 * them (annotation values must be constants); {@link #ALL} is what the scanner's rule tables and
 * the tests that guard them read ({@code CheckDocsTest} in the checker: a {@code BugChecker} and a
 * page {@code src/docs/checks/<name>.md} for every check and nothing else; {@code CheckRulesTest}
 * in the scanner: a SARIF rule for every check the scanner runs).
 *
 * <p>A {@code @BugPattern}'s severity is an Error Prone enum, which this front-end-neutral module
 * cannot name; {@code CheckDocsTest} holds it equal to {@link Check#severity()}.
 */
public final class Checks {
  /** Where the pages live: {@code src/docs/checks/} of this repository. */
  public static final String DOCS =
      "https://github.com/lockstep-dev/lockstep/blob/main/src/docs/checks/";

  public static final String SERIAL_AWAIT_IN_LOOP = "SerialAwaitInLoop";
  public static final String SERIAL_AWAIT_IN_LOOP_SUMMARY =
      "A loop over independent items waits once or more per item: N items cost N round trips"
          + " where a bounded window of k needs ⌈N/k⌉";
  public static final String SERIAL_AWAIT_IN_LOOP_LINK = DOCS + SERIAL_AWAIT_IN_LOOP + ".md";

  public static final String FAKE_CONCURRENCY = "FakeConcurrency";
  public static final String FAKE_CONCURRENCY_SUMMARY =
      "A pool of k workers whose every task reaches the same lock held across a wait runs one"
          + " task at a time: overhead, no parallelism";
  public static final String FAKE_CONCURRENCY_LINK = DOCS + FAKE_CONCURRENCY + ".md";

  public static final String OVERSIZED_WINDOW = "OversizedWindow";
  public static final String OVERSIZED_WINDOW_SUMMARY =
      "A pipeline's window k is larger than the parallelism p of the resource every task reaches:"
          + " k - p workers only wait";
  public static final String OVERSIZED_WINDOW_LINK = DOCS + OVERSIZED_WINDOW + ".md";

  public static final String SERIAL_FAN_OUT = "SerialFanOut";
  public static final String SERIAL_FAN_OUT_SUMMARY =
      "Independent waits one after the other in straight-line code: n round trips where, started"
          + " together, one would do";
  public static final String SERIAL_FAN_OUT_LINK = DOCS + SERIAL_FAN_OUT + ".md";

  public static final String UNBOUNDED_FAN_OUT = "UnboundedFanOut";
  public static final String UNBOUNDED_FAN_OUT_SUMMARY =
      "A task, future or thread that waits is started per item with nothing bounding how many run"
          + " at once: N round trips at once against a service that allows k";
  public static final String UNBOUNDED_FAN_OUT_LINK = DOCS + UNBOUNDED_FAN_OUT + ".md";

  public static final String BLOCKING_ON_COMMON_POOL = "BlockingOnCommonPool";
  public static final String BLOCKING_ON_COMMON_POOL_SUMMARY =
      "A parallel stream or an async task without an executor waits on a round trip in the common"
          + " ForkJoinPool, which the whole JVM shares";
  public static final String BLOCKING_ON_COMMON_POOL_LINK = DOCS + BLOCKING_ON_COMMON_POOL + ".md";

  public static final String LOCK_HELD_ACROSS_WAIT = "LockHeldAcrossWait";
  public static final String LOCK_HELD_ACROSS_WAIT_SUMMARY =
      "A lock that concurrent callers share is held across a round trip: every caller waits for"
          + " one round trip at a time";
  public static final String LOCK_HELD_ACROSS_WAIT_LINK = DOCS + LOCK_HELD_ACROSS_WAIT + ".md";

  public static final String LOCKSTEP_ANNOTATION_MISUSE = "LockstepAnnotationMisuse";
  public static final String LOCKSTEP_ANNOTATION_MISUSE_SUMMARY =
      "Lockstep annotation with an invalid value or a contradicting partner";
  public static final String LOCKSTEP_ANNOTATION_MISUSE_LINK =
      DOCS + LOCKSTEP_ANNOTATION_MISUSE + ".md";

  /** How seriously a finding is reported. */
  public enum Severity {
    WARNING,
    ERROR;

    /** {@code warning} or {@code error}, as the scanner's reports spell it. */
    public String label() {
      return this == WARNING ? "warning" : "error";
    }
  }

  /**
   * One check.
   *
   * @param name the name users see and suppress with {@code @SuppressWarnings(name)}; also the
   *     simple name of its {@code BugChecker}
   * @param summary one line, no final period
   * @param link its page
   * @param severity how its findings are reported
   * @param scanned whether the scanner runs it too (the annotation check is the compiler's only)
   */
  public record Check(
      String name, String summary, String link, Severity severity, boolean scanned) {}

  /** Every check, in the order the reports list them. */
  public static final List<Check> ALL =
      List.of(
          new Check(
              SERIAL_AWAIT_IN_LOOP,
              SERIAL_AWAIT_IN_LOOP_SUMMARY,
              SERIAL_AWAIT_IN_LOOP_LINK,
              Severity.WARNING,
              true),
          new Check(
              FAKE_CONCURRENCY,
              FAKE_CONCURRENCY_SUMMARY,
              FAKE_CONCURRENCY_LINK,
              Severity.WARNING,
              true),
          new Check(
              OVERSIZED_WINDOW,
              OVERSIZED_WINDOW_SUMMARY,
              OVERSIZED_WINDOW_LINK,
              Severity.WARNING,
              true),
          new Check(
              SERIAL_FAN_OUT, SERIAL_FAN_OUT_SUMMARY, SERIAL_FAN_OUT_LINK, Severity.WARNING, true),
          new Check(
              UNBOUNDED_FAN_OUT,
              UNBOUNDED_FAN_OUT_SUMMARY,
              UNBOUNDED_FAN_OUT_LINK,
              Severity.WARNING,
              true),
          new Check(
              BLOCKING_ON_COMMON_POOL,
              BLOCKING_ON_COMMON_POOL_SUMMARY,
              BLOCKING_ON_COMMON_POOL_LINK,
              Severity.WARNING,
              true),
          new Check(
              LOCK_HELD_ACROSS_WAIT,
              LOCK_HELD_ACROSS_WAIT_SUMMARY,
              LOCK_HELD_ACROSS_WAIT_LINK,
              Severity.WARNING,
              true),
          new Check(
              LOCKSTEP_ANNOTATION_MISUSE,
              LOCKSTEP_ANNOTATION_MISUSE_SUMMARY,
              LOCKSTEP_ANNOTATION_MISUSE_LINK,
              Severity.ERROR,
              false));

  private Checks() {}

  /** The check of that name, if there is one. */
  public static Optional<Check> named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The severity of the check of that name; a name not registered is a warning. */
  public static Severity severityOf(String name) {
    return named(name).map(Check::severity).orElse(Severity.WARNING);
  }

  /** The page of the check of that name: {@link #DOCS}{@code <name>.md}. */
  public static String docLink(String name) {
    return DOCS + name + ".md";
  }
}
