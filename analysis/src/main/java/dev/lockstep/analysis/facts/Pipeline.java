package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A place that runs tasks concurrently with a window {@code k}, for the effective-parallelism
 * analysis ({@code FakeConcurrency}, {@code OversizedWindow}). The front end reports the shape and
 * what the source says about {@code k}; the analysis decides the number ({@link WindowSource#CORES}
 * is resolved from the configuration, not from the machine compiling).
 *
 * @param kind what runs the tasks
 * @param windowSource where {@code k} comes from
 * @param window {@code k} when the source states it as a compile-time constant ({@link
 *     WindowSource#CONSTANT}); empty otherwise
 * @param windowText the source text of {@code k} or of the executor ({@code threads}, {@code
 *     SessionPool.SIZE}, {@code pool}); for diagnostics
 * @param location where the pipeline is set up (the call that hands tasks over)
 * @param enclosing the method whose body sets up the pipeline
 * @param enclosingMarks intent annotations on the enclosing method and types ({@code @Sequential})
 * @param taskCalls the calls one task makes, with receivers relative to the task: the task's
 *     parameters and everything derived from the loop item are {@link ReceiverKind#LOOP_ITEM};
 *     objects created inside the task are {@link ReceiverKind#FRESH}; fields, captured locals and
 *     parameters of the enclosing method are shared by every task
 * @param taskLocks lock regions in the task's own body, relative to the task
 */
public record Pipeline(
    Kind kind,
    WindowSource windowSource,
    OptionalInt window,
    String windowText,
    Location location,
    MethodRef enclosing,
    Marks enclosingMarks,
    List<CallSite> taskCalls,
    List<LockRegion> taskLocks) {
  /** What runs the tasks. */
  public enum Kind {
    /** An {@code ExecutorService} fed by {@code submit}/{@code execute}/{@code invokeAll}. */
    EXECUTOR,
    /** {@code dev.lockstep.window.BoundedWindow.of(k)}. */
    BOUNDED_WINDOW,
    /** {@code parallelStream()} or {@code .parallel()}. */
    PARALLEL_STREAM,
    /** {@code CompletableFuture.supplyAsync/runAsync} over items. */
    COMPLETABLE_FUTURES,
    /** Tasks gated by a {@code Semaphore} of {@code k} permits. */
    SEMAPHORE_GATED,
    /**
     * A thread started by hand per item ({@code new Thread(task).start()}, also in a helper the
     * loop calls): how many run at once is not known ({@link WindowSource#UNKNOWN}).
     */
    THREAD_PER_ITEM
  }

  /** Where the window {@code k} comes from. */
  public enum WindowSource {
    /** A compile-time constant: {@code newFixedThreadPool(5)}, {@code of(SessionPool.SIZE)}. */
    CONSTANT,
    /** Stated, but not a constant ({@code newFixedThreadPool(threads)}). */
    NON_CONSTANT,
    /** No bound: a cached or virtual-thread-per-task executor. */
    UNBOUNDED,
    /** The common {@code ForkJoinPool}: cores − 1. */
    COMMON_POOL,
    /** A parallel stream, or a pool sized to the processors: about the number of cores. */
    CORES,
    /**
     * An executor the code gets from elsewhere (a parameter, an injected field, a factory outside
     * the sources): more than one worker, how many not known. Enough to tell that tasks queuing on
     * one lock run one at a time; not enough to size anything.
     */
    UNKNOWN
  }

  public Pipeline {
    requireNonNull(kind, "kind");
    requireNonNull(windowSource, "windowSource");
    requireNonNull(window, "window");
    requireNonNull(windowText, "windowText");
    requireNonNull(location, "location");
    requireNonNull(enclosing, "enclosing");
    requireNonNull(enclosingMarks, "enclosingMarks");
    taskCalls = List.copyOf(taskCalls);
    taskLocks = List.copyOf(taskLocks);
    if (windowSource == WindowSource.CONSTANT && window.isEmpty()) {
      throw new IllegalArgumentException("a constant window needs its value");
    }
  }
}
