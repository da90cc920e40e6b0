package dev.lockstep.analysis.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The library model of pipelines, by which both front ends pick the calls worth resolving and read
 * what they set up: the window's API, the hand-over calls and their owners, and the executor
 * factories with the size each states. Kept here, once, so the javac and JavaParser front ends
 * cannot drift apart; the front ends only match their syntax trees against it.
 */
public final class PipelineCalls {
  /** The window's type. */
  public static final String BOUNDED_WINDOW = "dev.lockstep.window.BoundedWindow";

  /** The window's static factory: {@code BoundedWindow.of(k)}. */
  public static final String WINDOW_FACTORY = "of";

  /** {@code BoundedWindow}'s configuration calls: each returns a window of the same size. */
  public static final Set<String> WINDOW_CONFIG =
      Set.of("unordered", "ordered", "executor", "timeout", "onStats");

  /** {@code BoundedWindow}'s operations that run a function per item in the window. */
  public static final Set<String> WINDOW_OPS =
      Set.of("map", "forEach", "mapOutcomes", "stream", "mapAsync", "all");

  /**
   * Factories of executors that run tasks one at a time or on the caller's thread (Guava's direct
   * and sequential executors, single-thread executors): an executor from one of them is no
   * pipeline, even where its size is not modelled.
   */
  public static final Set<String> SERIAL_EXECUTORS =
      Set.of(
          "directExecutor",
          "newDirectExecutorService",
          "newSequentialExecutor",
          "newSingleThreadExecutor",
          "newSingleThreadScheduledExecutor");

  /**
   * Every name of a call that may hand tasks over: executors ({@code submit}, {@code execute},
   * {@code invokeAll}, {@code invokeAny}), {@code CompletableFuture} ({@code supplyAsync}, {@code
   * runAsync}), the window's operations, and a thread per item ({@code startVirtualThread}, a
   * builder's {@code start}). A name is a candidate only; its owner decides.
   */
  public static final Set<String> CANDIDATES =
      Set.of(
          "submit",
          "execute",
          "invokeAll",
          "invokeAny",
          "supplyAsync",
          "runAsync",
          "map",
          "forEach",
          "mapOutcomes",
          "stream",
          "mapAsync",
          "all",
          "startVirtualThread",
          "start");

  /** What runs a task handed over with {@code submit}/{@code execute}. */
  public static final String EXECUTOR = "java.util.concurrent.Executor";

  /** A task that returns a value, as {@code invokeAll} takes them. */
  public static final String CALLABLE = "java.util.concurrent.Callable";

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String THREAD = "java.lang.Thread";
  private static final String THREAD_BUILDER = "java.lang.Thread.Builder";
  private static final String EXECUTORS = "java.util.concurrent.Executors";
  private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";

  /** The call a size argument states the processors with: {@code availableProcessors()}. */
  public static final String PROCESSORS = "availableProcessors";

  private PipelineCalls() {}

  /** {@code window.map(...)} and the other operations of {@code BoundedWindow}. */
  public static boolean isWindowOp(String owner, String name) {
    return owner.equals(BOUNDED_WINDOW) && WINDOW_OPS.contains(name);
  }

  /**
   * {@code executor.submit(task)} or {@code execute(task)}.
   *
   * @param owners the declaring type and every supertype, as qualified names
   */
  public static boolean isSubmit(Set<String> owners, String name) {
    return owners.contains(EXECUTOR) && (name.equals("submit") || name.equals("execute"));
  }

  /** {@code Thread.startVirtualThread(task)} or {@code Thread.ofVirtual().start(task)}. */
  public static boolean isThreadStart(String owner, Set<String> owners, String name) {
    return (owner.equals(THREAD) && name.equals("startVirtualThread"))
        || (owners.contains(THREAD_BUILDER) && name.equals("start"));
  }

  /** {@code thread.start()}: a {@code Thread} (or a subclass) started by hand. */
  public static boolean isPlainThreadStart(Set<String> owners, String name, int args) {
    return owners.contains(THREAD) && name.equals("start") && args == 0;
  }

  /** {@code executor.invokeAll(tasks)} or {@code invokeAny(tasks)}. */
  public static boolean isInvokeAll(Set<String> owners, String name) {
    return owners.contains(EXECUTOR_SERVICE)
        && (name.equals("invokeAll") || name.equals("invokeAny"));
  }

  /** {@code CompletableFuture.supplyAsync(task[, executor])} or {@code runAsync}. */
  public static boolean isAsync(String owner, String name) {
    return owner.equals(COMPLETABLE_FUTURE)
        && (name.equals("supplyAsync") || name.equals("runAsync"));
  }

  /**
   * A window the library fixes rather than an argument stating it.
   *
   * @param source how it is stated
   * @param k its size, when a number
   * @param text how messages name it
   */
  public record FixedWindow(Pipeline.WindowSource source, OptionalInt k, String text) {
    /** The processors: {@code newWorkStealingPool()}, {@code availableProcessors()}. */
    public static final FixedWindow CORES =
        new FixedWindow(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores");

    /** The common pool. */
    public static final FixedWindow COMMON =
        new FixedWindow(Pipeline.WindowSource.COMMON_POOL, OptionalInt.empty(), "common");

    /** One thread. */
    public static final FixedWindow ONE =
        new FixedWindow(Pipeline.WindowSource.CONSTANT, OptionalInt.of(1), "1");

    /** A thread per task. */
    public static final FixedWindow UNBOUNDED =
        new FixedWindow(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "unbounded");

    /** A thread per item ({@code Thread.ofVirtual().start(task)} in a loop). */
    public static final FixedWindow THREADS =
        new FixedWindow(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "threads");
  }

  /**
   * How an executor factory or constructor states the executor's size.
   *
   * @param argument the index of the argument that states it; {@code -1}: none does
   * @param otherwise the window when the call has no such argument; empty: unknown
   * @param resizable whether a fix may rewrite that argument (not {@code ThreadPoolExecutor}'s
   *     maximum: below the core size the constructor throws)
   */
  public record ExecutorSize(int argument, Optional<FixedWindow> otherwise, boolean resizable) {
    private static final ExecutorSize FIRST = new ExecutorSize(0, Optional.empty(), true);
    private static final ExecutorSize FIRST_OR_CORES =
        new ExecutorSize(0, Optional.of(FixedWindow.CORES), true);

    private static ExecutorSize fixed(FixedWindow window) {
      return new ExecutorSize(-1, Optional.of(window), false);
    }

    /**
     * The window of a call with these arguments, in a front end's terms.
     *
     * @param size reads the argument that states the size
     * @param fixed makes a front end's window of one the library fixes
     */
    public <A, W> Optional<W> window(
        List<? extends A> args, Function<? super A, W> size, Function<FixedWindow, W> fixed) {
      if (argument >= 0 && argument < args.size()) {
        return Optional.of(size.apply(args.get(argument)));
      }
      return otherwise.map(fixed);
    }
  }

  /** Static factories ({@code owner#name}) of executors. */
  private static final Map<String, ExecutorSize> FACTORIES =
      Map.of(
          EXECUTORS + "#newFixedThreadPool", ExecutorSize.FIRST,
          EXECUTORS + "#newScheduledThreadPool", ExecutorSize.FIRST,
          EXECUTORS + "#newWorkStealingPool", ExecutorSize.FIRST_OR_CORES,
          EXECUTORS + "#newSingleThreadExecutor", ExecutorSize.fixed(FixedWindow.ONE),
          EXECUTORS + "#newSingleThreadScheduledExecutor", ExecutorSize.fixed(FixedWindow.ONE),
          EXECUTORS + "#newCachedThreadPool", ExecutorSize.fixed(FixedWindow.UNBOUNDED),
          EXECUTORS + "#newVirtualThreadPerTaskExecutor", ExecutorSize.fixed(FixedWindow.UNBOUNDED),
          EXECUTORS + "#newThreadPerTaskExecutor", ExecutorSize.fixed(FixedWindow.UNBOUNDED),
          FORK_JOIN_POOL + "#commonPool", ExecutorSize.fixed(FixedWindow.COMMON));

  /** Executor classes created with {@code new}. */
  private static final Map<String, ExecutorSize> CONSTRUCTORS =
      Map.of(
          "java.util.concurrent.ThreadPoolExecutor",
          new ExecutorSize(1, Optional.empty(), false),
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          ExecutorSize.FIRST,
          FORK_JOIN_POOL,
          ExecutorSize.FIRST_OR_CORES);

  /** The size the static method {@code owner.name(...)} creates an executor with, if it does. */
  public static Optional<ExecutorSize> factory(String owner, String name) {
    return Optional.ofNullable(FACTORIES.get(owner + "#" + name));
  }

  /** The size {@code new type(...)} creates an executor with, if it is one. */
  public static Optional<ExecutorSize> constructor(String type) {
    return Optional.ofNullable(CONSTRUCTORS.get(type));
  }
}
