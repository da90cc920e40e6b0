package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Work started to run at once: tasks, futures or threads handed over by one call, for {@code
 * UnboundedFanOut} and {@code BlockingOnCommonPool}. The front end reports what the source says;
 * the rules decide.
 *
 * @param shape what starts the work
 * @param location the call that starts it
 * @param starter how messages name that call ({@code newCachedThreadPool() submit}, {@code
 *     HttpClient.sendAsync})
 * @param taskCalls the calls one task makes, with receivers relative to the task (empty for {@link
 *     Shape#ASYNC_CALL}: the call is the round trip)
 * @param window where what runs the tasks gets its size
 * @param windowText the source text of the executor or window, for messages
 * @param pipeline the pipeline as the effective-parallelism analysis reads it, when it is one
 * @param perItem whether it runs once per item of a loop or stream over items
 * @param iterated the source text of what those items are, empty when not per item
 * @param knownSize the number of items when the source states it
 * @param boundedInIteration whether the iteration itself bounds it: it awaits what it started
 *     ({@code join}, {@code get}) or takes a permit ({@code acquire}) before the next item
 * @param enclosingMarks intent annotations on the enclosing method and types
 */
public record FanOut(
    Shape shape,
    Location location,
    String starter,
    List<CallSite> taskCalls,
    Pipeline.WindowSource window,
    String windowText,
    Optional<Pipeline> pipeline,
    boolean perItem,
    String iterated,
    OptionalInt knownSize,
    boolean boundedInIteration,
    Marks enclosingMarks) {
  /** What starts the work. */
  public enum Shape {
    /** {@code executor.submit(task)}/{@code execute}/{@code invokeAll}. */
    EXECUTOR,
    /** {@code CompletableFuture.supplyAsync(task[, executor])} or {@code runAsync}. */
    COMPLETABLE_FUTURE,
    /** A stage's {@code thenApplyAsync(fn)} and the other {@code *Async} steps. */
    ASYNC_STAGE,
    /**
     * {@code Thread.ofVirtual().start(task)}, {@code startVirtualThread}, {@code new
     * Thread(task).start()}.
     */
    THREAD,
    /** A call that starts a round trip and returns a future: {@code HttpClient.sendAsync}. */
    ASYNC_CALL,
    /** {@code parallelStream()} or {@code .parallel()}. */
    PARALLEL_STREAM,
    /** {@code BoundedWindow}, or tasks gated by a semaphore: bounded by construction. */
    WINDOWED
  }

  public FanOut {
    requireNonNull(shape, "shape");
    requireNonNull(location, "location");
    requireNonNull(starter, "starter");
    taskCalls = List.copyOf(taskCalls);
    requireNonNull(window, "window");
    requireNonNull(windowText, "windowText");
    requireNonNull(pipeline, "pipeline");
    requireNonNull(iterated, "iterated");
    requireNonNull(knownSize, "knownSize");
    requireNonNull(enclosingMarks, "enclosingMarks");
  }
}
