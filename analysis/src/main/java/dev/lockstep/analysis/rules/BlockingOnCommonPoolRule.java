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
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * {@code BlockingOnCommonPool}: a parallel stream, or a {@code CompletableFuture} {@code *Async}
 * call without an executor, whose task waits on a round trip: the common {@code ForkJoinPool}'s
 * cores − 1 threads, shared by every parallel stream and async task of the JVM, sit in I/O.
 *
 * <p>Reported when the tasks run on the common pool (a parallel stream, {@code supplyAsync(task)},
 * {@code runAsync(task)}, a stage's {@code thenApplyAsync(fn)} and the like without an executor,
 * {@code ForkJoinPool.commonPool()} fed per item), a task reaches a round trip every time (through
 * the summaries; a pause, a lock or an await is not one), the effective-parallelism analysis has no
 * finding on the same tasks (a lock they all queue on comes first), and the method is not
 * {@code @Sequential}. An explicit executor, a semaphore gate or a window is never reported.
 */
public final class BlockingOnCommonPoolRule {
  private final Summaries summaries;
  private final EffectiveParallelismRule parallelism;
  private final int window;

  public BlockingOnCommonPoolRule(
      Summaries summaries, EffectiveParallelismRule parallelism, int window) {
    this.summaries = requireNonNull(summaries, "summaries");
    this.parallelism = requireNonNull(parallelism, "parallelism");
    this.window = window;
  }

  public Optional<Finding> judge(FanOut fanOut) {
    boolean common =
        fanOut.window() == Pipeline.WindowSource.COMMON_POOL
            || fanOut.shape() == FanOut.Shape.PARALLEL_STREAM;
    if (!common
        || fanOut.shape() == FanOut.Shape.WINDOWED
        || fanOut.enclosingMarks().has(Mark.SEQUENTIAL)) {
      return Optional.empty();
    }
    if (fanOut.pipeline().isPresent()
        && parallelism.judge(fanOut.pipeline().orElseThrow()) instanceof PipelineVerdict.Flagged) {
      return Optional.empty();
    }
    List<WaitChain> chains = TaskRoundTrips.of(summaries, fanOut.taskCalls());
    if (chains.isEmpty()) {
      return Optional.empty(); // CPU work is what the common pool is for
    }
    String message =
        fanOut.starter()
            + " runs its tasks on the common ForkJoinPool, and each waits on a round trip ("
            + chains.stream().limit(2).map(WaitChain::render).collect(Collectors.joining("; "))
            + "): the pool's cores − 1 threads are shared by every parallel stream and async task"
            + " of the JVM, and sit in I/O while they wait. Give the tasks an executor sized for the"
            + " remote resource (supplyAsync(task, executor)), or run them in a window:"
            + " BoundedWindow.of("
            + window
            + ").map(...).";
    return Optional.of(
        new Finding(
            Checks.BLOCKING_ON_COMMON_POOL,
            fanOut.location(),
            message,
            chains,
            new Cost(1, OptionalInt.empty(), window),
            new FixPlan.NoRewrite("no automatic fix")));
  }
}
