package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A place that runs tasks concurrently with a window {@code k}, for the effective-parallelism
 * analysis ({@code FakeConcurrency}, {@code OversizedWindow}). The {@code SerialAwaitInLoop} front
 * end leaves these empty.
 *
 * @param kind what runs the tasks
 * @param window {@code k} when known
 * @param location where the pipeline is set up
 * @param taskCalls the calls one task makes, with receivers relative to the task
 */
public record Pipeline(Kind kind, OptionalInt window, Location location, List<CallSite> taskCalls) {
  /** What runs the tasks. */
  public enum Kind {
    EXECUTOR,
    BOUNDED_WINDOW,
    PARALLEL_STREAM,
    COMPLETABLE_FUTURES,
    SEMAPHORE_GATED
  }

  public Pipeline {
    requireNonNull(kind, "kind");
    requireNonNull(window, "window");
    requireNonNull(location, "location");
    taskCalls = List.copyOf(taskCalls);
  }
}
