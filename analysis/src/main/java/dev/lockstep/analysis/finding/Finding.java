package dev.lockstep.analysis.finding;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.List;

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
 */
public record Finding(
    String check,
    Location location,
    String message,
    List<WaitChain> chains,
    Cost cost,
    FixPlan fix) {
  public Finding {
    requireNonNull(check, "check");
    requireNonNull(location, "location");
    requireNonNull(message, "message");
    chains = List.copyOf(chains);
    requireNonNull(cost, "cost");
    requireNonNull(fix, "fix");
  }
}
