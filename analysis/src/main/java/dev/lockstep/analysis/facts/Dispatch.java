package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * One class a call's receiver is allocated with in the sources, and what the call runs on it.
 *
 * @param runs the method the call runs on an object of that class: its own override, or the one it
 *     inherits from a superclass declared in the sources
 * @param allocated the class made (canonical name): calls on {@code this} inside {@code runs} run
 *     its overrides ({@code TaskRunner.run()} calling the abstract {@code runTask()} runs {@code
 *     PutTaskRunner.runTask()})
 */
public record Dispatch(MethodRef runs, String allocated) {
  public Dispatch {
    requireNonNull(runs, "runs");
    requireNonNull(allocated, "allocated");
  }
}
