package dev.lockstep.analysis.finding;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.List;
import java.util.Optional;

/**
 * What a rule reports. Every writer (the javac diagnostic, SARIF, Markdown) renders the same
 * finding: the message is complete text, the chains and numbers are there for structured output.
 *
 * @param check the check's name ({@code SerialAwaitInLoop})
 * @param location the primary location (the loop)
 * @param message the full message, without the documentation link
 * @param chains the witness chains, one per wait
 * @param cost the numbers
 * @param fix the rewrite to offer, or why there is none
 * @param parallelism for effective-parallelism findings ({@code FakeConcurrency}, {@code
 *     OversizedWindow}): the window and the parallelism the tasks get
 */
public record Finding(
    String check,
    Location location,
    String message,
    List<WaitChain> chains,
    Cost cost,
    FixPlan fix,
    Optional<Parallelism> parallelism) {
  public Finding {
    requireNonNull(check, "check");
    requireNonNull(location, "location");
    requireNonNull(message, "message");
    chains = List.copyOf(chains);
    requireNonNull(cost, "cost");
    requireNonNull(fix, "fix");
    requireNonNull(parallelism, "parallelism");
  }

  /** A finding without parallelism numbers (a serial await). */
  public Finding(
      String check,
      Location location,
      String message,
      List<WaitChain> chains,
      Cost cost,
      FixPlan fix) {
    this(check, location, message, chains, cost, fix, Optional.empty());
  }
}
