package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code UnboundedFanOut}: a task, future or thread started per item of a collection whose size the
 * source does not bound, with nothing bounding how many run at once, and each of them waits on a
 * round trip: {@code N} items put {@code N} requests in flight together against a service that
 * allows a few.
 *
 * <p>Reported when all of this holds: what runs the work has no bound (a cached or
 * virtual-thread-per-task executor, a thread per item, an async call per item, {@code supplyAsync}
 * on such an executor); no semaphore gates the tasks and no window runs them; it runs once per item
 * of a loop or stream over items whose number the source does not state as at most {@value #SMALL};
 * the iteration does not await what it started or take a permit; each task reaches a round trip
 * every time (an async call is one); the effective-parallelism analysis has no finding on the same
 * tasks (a lock they all queue on comes first); and the method is not {@code @Sequential}.
 */
public final class UnboundedFanOutRule {
  /**
   * A collection the source states with at most this many items is small enough to start at once.
   */
  static final int SMALL = 16;

  private final Summaries summaries;
  private final EffectiveParallelismRule parallelism;
  private final int window;

  public UnboundedFanOutRule(
      Summaries summaries, EffectiveParallelismRule parallelism, int window) {
    this.summaries = requireNonNull(summaries, "summaries");
    this.parallelism = requireNonNull(parallelism, "parallelism");
    this.window = window;
  }

  public Optional<Finding> judge(FanOut fanOut) {
    if (fanOut.enclosingMarks().has(Mark.SEQUENTIAL)
        || fanOut.shape() == FanOut.Shape.WINDOWED
        || fanOut.window() != Pipeline.WindowSource.UNBOUNDED
        || !fanOut.perItem()
        || fanOut.boundedInIteration()
        || (fanOut.knownSize().isPresent() && fanOut.knownSize().getAsInt() <= SMALL)) {
      return Optional.empty();
    }
    if (fanOut.pipeline().isPresent()
        && parallelism.judge(fanOut.pipeline().orElseThrow()) instanceof PipelineVerdict.Flagged) {
      return Optional.empty();
    }
    List<WaitChain> chains = TaskRoundTrips.of(summaries, fanOut.taskCalls());
    if (fanOut.shape() != FanOut.Shape.ASYNC_CALL && chains.isEmpty()) {
      return Optional.empty(); // CPU work: starting it all at once costs threads, not a server
    }
    return Optional.of(
        new Finding(
            Checks.UNBOUNDED_FAN_OUT,
            fanOut.location(),
            message(fanOut, chains),
            chains,
            new Cost(1, fanOut.knownSize(), window),
            new FixPlan.NoRewrite("no automatic fix")));
  }

  private String message(FanOut fanOut, List<WaitChain> chains) {
    StringBuilder text = new StringBuilder();
    text.append(fanOut.starter())
        .append(" starts ")
        .append(
            switch (fanOut.shape()) {
              case THREAD -> "a thread";
              case ASYNC_CALL -> "a round trip";
              case EXECUTOR, COMPLETABLE_FUTURE, ASYNC_STAGE, PARALLEL_STREAM, WINDOWED -> "a task";
            })
        .append(" per item of '")
        .append(fanOut.iterated())
        .append("' with nothing bounding how many run at once");
    if (fanOut.shape() == FanOut.Shape.EXECUTOR
        || fanOut.shape() == FanOut.Shape.COMPLETABLE_FUTURE) {
      text.append(" (an executor that starts a thread per task)");
    }
    if (!chains.isEmpty()) {
      text.append(", and each waits (")
          .append(chains.stream().limit(2).map(WaitChain::render).collect(Collectors.joining("; ")))
          .append(')');
    }
    text.append(": N items put N round trips in flight at once, and a service that allows a few")
        .append(" queues, throttles or rejects the rest. Bound them: BoundedWindow.of(")
        .append(window)
        .append(").mapAsync(items, ...) keeps ")
        .append(window)
        .append(" in flight (.map(...) to wait for the results), or use a fixed pool or a")
        .append(" Semaphore sized for the service.");
    return text.toString();
  }
}
