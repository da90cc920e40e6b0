package dev.lockstep.window;

import com.google.errorprone.annotations.CheckReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a function over many independent items with at most {@code k} calls in flight: the Java twin
 * of Rust's {@code stream.map(f).buffered(k)} (ordered, the default) and {@code
 * .buffer_unordered(k)} ({@link #unordered()}).
 *
 * <pre>{@code
 * List<Page> pages = BoundedWindow.of(8).map(urls, url -> http.get(url));   // input order
 * BoundedWindow.of(8).forEach(rows, row -> db.insert(row));                  // side effects only
 * }</pre>
 *
 * <h2>Configuration</h2>
 *
 * A {@code BoundedWindow} is an immutable, thread-safe configuration; each {@code with}-style
 * method returns a new one, and every terminal operation ({@link #map}, {@link #forEach}, {@link
 * #mapOutcomes}, {@link #stream}, {@link #mapAsync}, {@link #all}) is an independent run, so one
 * window can be shared by many threads. A run's {@link Stats} go to the {@link #onStats} listener
 * (and come with {@link Outcomes#stats()}), never to a mutable field of the shared configuration.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Bounded</b>: never more than {@code k} calls in flight. Input is pulled lazily, only
 *       when a call can start; a {@linkplain #stream stream} holds at most {@code k +
 *       reorderBuffer} results, whatever the input's size.
 *   <li><b>Exactly one outcome per item</b> pulled from the input: success, failure or cancelled;
 *       never lost, never twice. A call never starts after its run was cancelled.
 *   <li><b>Fail fast</b> ({@link #map}, {@link #forEach}, {@link #stream}, {@link #mapAsync},
 *       {@link #all}): the first failure cancels the run: no further item is pulled or started,
 *       calls in flight are interrupted and awaited, then the first failure is thrown as is, with
 *       the other failures attached as {@linkplain Throwable#getSuppressed() suppressed}.
 *       <b>Collect all</b> ({@link #mapOutcomes}): every item runs, and every outcome is returned.
 *   <li><b>Nothing leaks</b>: when a terminal operation returns or throws, its tasks have ended
 *       (after a cancellation, tasks that ignore interruption are waited for at most {@link
 *       #cancelGrace}; if any remain they are named in a suppressed exception).
 * </ul>
 *
 * <h2>Interrupts and errors</h2>
 *
 * <ul>
 *   <li>If the calling thread is interrupted while it waits, the run is cancelled (calls in flight
 *       are interrupted), awaited, and a {@link java.util.concurrent.CancellationException} is
 *       thrown with the caller's interrupt flag <b>set again</b>.
 *   <li>The window interrupts a call only to cancel it, and clears that interrupt before the thread
 *       runs anything else; a call that then gives up with an {@link InterruptedException} (or an
 *       exception caused by one, an {@code InterruptedIOException}, a {@code
 *       ClosedByInterruptException} or a {@code CancellationException}) counts as cancelled, not
 *       failed; any other exception still counts as a failure.
 *   <li>An {@link Error} from a call, or anything the input's iterator throws, always fails the run
 *       fast (also in collect-all mode) and is thrown as is.
 *   <li>With a {@linkplain #timeout timeout}, a run still going at its deadline is cancelled and
 *       {@link DeadlineExceededException} is thrown ({@link #mapOutcomes} instead returns the
 *       outcomes, unfinished items as {@link Outcome.Cancelled} with {@link
 *       CancelReason#DEADLINE}).
 * </ul>
 *
 * <h2>Ordered results and head-of-line blocking</h2>
 *
 * In ordered mode one slow item must not stall the window. The bound on calls in flight ({@code k})
 * is separate from the bound on finished results waiting for a slower, earlier item (the
 * {@linkplain #reorderBuffer reorder buffer}): while item 0 takes 500 ms, the other {@code k - 1}
 * calls keep going. {@link #map} fills a list by index and needs no reorder buffer at all; {@link
 * #stream} holds at most {@code reorderBuffer} waiting results and stalls only when that is full.
 * (Reactor's {@code flatMapSequential} counts waiting results against the concurrency bound: one
 * slow item in fifty made it take 4.2 s where the unordered run took 0.8 s.)
 *
 * <h2>Implementation</h2>
 *
 * A run of blocking functions uses at most {@code k} <em>lanes</em>: tasks that each loop "pull an
 * item, call, publish" until the input ends. That costs one task submission per lane, not per item,
 * and makes the bound hold by construction. By default lanes are virtual threads; {@link #executor}
 * supplies another executor (a bounded pool with fewer than {@code k} threads bounds the
 * parallelism further; one that rejects fails the run). {@link #mapAsync} uses no thread per item:
 * the caller's thread starts calls and waits for their stages.
 */
@Immutable
@CheckReturnValue
public final class BoundedWindow {
  /** Default of {@link #reorderBuffer}: {@code max(1024, 4 * k)}. */
  static final int MIN_DEFAULT_REORDER_BUFFER = 1024;

  /** Largest {@link #reorderBuffer}: the stream's ring is allocated up front. */
  static final int MAX_REORDER_BUFFER = 1 << 22;

  private static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(10);

  private final int k;
  private final boolean ordered;
  private final int reorderBuffer; // 0: the default

  @SuppressWarnings("Immutable") // supplied by the user; the window only calls execute()
  private final Executor executor; // null: a virtual thread per lane

  private final Duration timeout; // null: none
  private final Duration cancelGrace;

  @SuppressWarnings("Immutable") // supplied by the user; called once per run
  private final Consumer<? super Stats> statsListener; // null: none

  private BoundedWindow(
      int k,
      boolean ordered,
      int reorderBuffer,
      Executor executor,
      Duration timeout,
      Duration cancelGrace,
      Consumer<? super Stats> statsListener) {
    this.k = k;
    this.ordered = ordered;
    this.reorderBuffer = reorderBuffer;
    this.executor = executor;
    this.timeout = timeout;
    this.cancelGrace = cancelGrace;
    this.statsListener = statsListener;
  }

  /**
   * A window of at most {@code k} calls in flight, ordered, on virtual threads, failing fast.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static BoundedWindow of(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("window size k must be at least 1, but was " + k);
    }
    return new BoundedWindow(k, true, 0, null, null, DEFAULT_CANCEL_GRACE, null);
  }

  /**
   * Results in completion order, like {@code buffer_unordered(k)}: each result is released as soon
   * as it is ready.
   *
   * <pre>{@code
   * List<Page> pages = BoundedWindow.of(8).unordered().map(urls, http::get); // fastest first
   * }</pre>
   */
  public BoundedWindow unordered() {
    return new BoundedWindow(
        k, false, reorderBuffer, executor, timeout, cancelGrace, statsListener);
  }

  /** Results in input order, like {@code buffered(k)}; the default. */
  public BoundedWindow ordered() {
    return new BoundedWindow(k, true, reorderBuffer, executor, timeout, cancelGrace, statsListener);
  }

  /**
   * How far a {@linkplain #stream stream} may run ahead of its consumer: it pulls item {@code i}
   * only while {@code i < released + k + reorderBuffer}, where {@code released} counts results the
   * consumer took. So a stream holds at most {@code k + reorderBuffer} items (in flight or finished
   * and waiting), memory {@code O(k + reorderBuffer)}; and while one ordered item is stuck, the
   * other {@code k - 1} calls keep going until {@code k + reorderBuffer - 1} items behind it are
   * finished. The bound is independent of {@code k}: with {@code k = 16}, RTT 10 ms and one item of
   * 500 ms, the other 15 calls finish about 750 results while it runs, so a buffer of 1024 never
   * stalls them, while a window that counts only {@code k} items (what {@code flatMapSequential}
   * does) stalls for most of the 500 ms. Default {@code max(1024, 4 * k)}. {@link #map} does not
   * need it: it fills its list by index.
   *
   * <pre>{@code
   * try (Stream<Row> rows = BoundedWindow.of(16).reorderBuffer(4096).stream(ids, db::load)) {
   *   rows.forEach(out::write);
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code n < 1} or {@code n > 4194304}
   */
  public BoundedWindow reorderBuffer(int n) {
    if (n < 1 || n > MAX_REORDER_BUFFER) {
      throw new IllegalArgumentException(
          "reorderBuffer must be in [1, " + MAX_REORDER_BUFFER + "], but was " + n);
    }
    return new BoundedWindow(k, ordered, n, executor, timeout, cancelGrace, statsListener);
  }

  /**
   * Runs blocking calls on {@code executor} instead of virtual threads. A run submits at most
   * {@code k} tasks; each runs many items. If the executor rejects a task, the run fails with the
   * rejection.
   *
   * <pre>{@code
   * BoundedWindow.of(4).executor(cpuPool).map(images, this::resize);
   * }</pre>
   */
  public BoundedWindow executor(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return new BoundedWindow(
        k, ordered, reorderBuffer, executor, timeout, cancelGrace, statsListener);
  }

  /**
   * A deadline for each whole run, counted from its start: when it passes, the run stops pulling,
   * interrupts its calls, and throws {@link DeadlineExceededException} (for {@link #mapOutcomes}:
   * returns, with the unfinished items cancelled).
   *
   * <pre>{@code
   * BoundedWindow.of(10).timeout(Duration.ofSeconds(30)).forEach(hosts, this::ping);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public BoundedWindow timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
    return new BoundedWindow(
        k, ordered, reorderBuffer, executor, timeout, cancelGrace, statsListener);
  }

  /**
   * How long a cancelled run waits for calls that ignore their interrupt before it gives up on them
   * (and says so in a suppressed exception). Default 10 s.
   */
  public BoundedWindow cancelGrace(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("cancelGrace must not be negative, but was " + grace);
    }
    return new BoundedWindow(k, ordered, reorderBuffer, executor, timeout, grace, statsListener);
  }

  /**
   * Calls {@code listener} with each run's {@link Stats}, on the thread that ran the terminal
   * operation, when the run has ended (before it returns or throws).
   *
   * <pre>{@code
   * BoundedWindow.of(5).onStats(s -> log.info("{}", s)).map(ids, this::fetch);
   * // window 5: 50 done (0 failed), 0 cancelled, peak in flight 5, achieved parallelism 1.00 ...
   * // (the calls share a lock: window 5, parallelism 1 — fake concurrency)
   * }</pre>
   */
  public BoundedWindow onStats(Consumer<? super Stats> listener) {
    Objects.requireNonNull(listener, "listener");
    return new BoundedWindow(k, ordered, reorderBuffer, executor, timeout, cancelGrace, listener);
  }

  /** The bound on calls in flight. */
  public int k() {
    return k;
  }

  /** Whether results come in input order. */
  public boolean isOrdered() {
    return ordered;
  }

  // ----------------------------------------------------------------------------------------------
  // Terminal operations.

  /**
   * Applies {@code fn} to every item, at most {@code k} at once, and returns the results: in input
   * order, or in completion order if {@link #unordered()}. Fails fast: the first exception is
   * thrown as is (so this method throws what {@code fn} throws), after the other calls were
   * cancelled and awaited.
   *
   * <pre>{@code
   * List<User> users = BoundedWindow.of(10).map(ids, id -> api.fetchUser(id)); // throws IOException
   * }</pre>
   */
  @SuppressWarnings("unchecked") // a run throws checked exceptions only from fn, and fn throws E
  public <T, R, E extends Exception> List<R> map(
      Iterable<? extends T> items, ThrowingFunction<? super T, ? extends R, E> fn) throws E {
    Objects.requireNonNull(fn, "fn");
    WindowRun<T, R> run = new WindowRun<>(this, WindowRun.Mode.LIST, ItemSource.of(items), fn);
    try {
      return run.list();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw (E) e;
    }
  }

  /**
   * Runs {@code action} on every item, at most {@code k} at once, for its side effects. Fails fast
   * like {@link #map}.
   *
   * <pre>{@code
   * BoundedWindow.of(10).forEach(orders, order -> mailer.sendConfirmation(order));
   * }</pre>
   */
  @SuppressWarnings("unchecked") // a run throws checked exceptions only from action, which throws E
  public <T, E extends Exception> void forEach(
      Iterable<? extends T> items, ThrowingConsumer<? super T, E> action) throws E {
    Objects.requireNonNull(action, "action");
    ThrowingFunction<T, Object, E> fn =
        item -> {
          action.accept(item);
          return null;
        };
    WindowRun<T, Object> run =
        new WindowRun<>(this, WindowRun.Mode.FOR_EACH, ItemSource.of(items), fn);
    try {
      run.forEach();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw (E) e;
    }
  }

  /**
   * Applies {@code fn} to every item and collects every outcome instead of failing fast: returns
   * one {@link Outcome} per item, in input order. Exceptions from {@code fn} become {@link
   * Outcome.Failure}s; an {@link Error}, a failing input, or an interrupt of the caller still
   * throw. At the {@linkplain #timeout deadline} the run stops and returns: unfinished items are
   * {@link Outcome.Cancelled} (including, for an in-memory collection, items never started).
   *
   * <pre>{@code
   * Outcomes<Host, Status> outcomes = BoundedWindow.of(20).mapOutcomes(hosts, this::probe);
   * outcomes.failures().forEach(f -> alert(f.item(), f.error()));
   * }</pre>
   */
  public <T, R> Outcomes<T, R> mapOutcomes(
      Iterable<? extends T> items, ThrowingFunction<? super T, ? extends R, ?> fn) {
    Objects.requireNonNull(fn, "fn");
    return new WindowRun<T, R>(this, WindowRun.Mode.OUTCOMES, ItemSource.of(items), fn).outcomes();
  }

  /**
   * A lazy stream of {@code fn}'s results over a lazy input, with memory {@code O(k +
   * reorderBuffer)} however many items flow through. The run starts at the first element the stream
   * is asked for; the input is pulled only as results are consumed. Closing the stream (use
   * try-with-resources) before its end cancels the run: it stops pulling, interrupts the calls in
   * flight and awaits them. Fails fast: the first failure is thrown from the stream's terminal
   * operation (a checked exception wrapped in {@link java.util.concurrent.CompletionException}).
   *
   * <p>The stream must be consumed by one thread, and needs an executor that runs lanes on other
   * threads than the consumer's (the default does).
   *
   * <pre>{@code
   * try (Stream<Result> results = BoundedWindow.of(64).unordered().stream(lines, this::process)) {
   *   results.forEach(writer::write);       // 10 million lines, a few thousand in memory
   * }
   * }</pre>
   */
  public <T, R> Stream<R> stream(
      Iterator<? extends T> items, ThrowingFunction<? super T, ? extends R, ?> fn) {
    Objects.requireNonNull(fn, "fn");
    return new WindowRun<T, R>(this, WindowRun.Mode.STREAM, ItemSource.of(items), fn).stream(null);
  }

  /** {@link #stream(Iterator, ThrowingFunction)} over {@code items.iterator()}. */
  public <T, R> Stream<R> stream(
      Iterable<? extends T> items, ThrowingFunction<? super T, ? extends R, ?> fn) {
    return stream(items.iterator(), fn);
  }

  /**
   * {@link #stream(Iterator, ThrowingFunction)} over a stream's elements; closing the result closes
   * {@code items}.
   */
  public <T, R> Stream<R> stream(
      Stream<? extends T> items, ThrowingFunction<? super T, ? extends R, ?> fn) {
    Objects.requireNonNull(fn, "fn");
    Iterator<? extends T> it = items.iterator();
    return new WindowRun<T, R>(this, WindowRun.Mode.STREAM, ItemSource.of(it), fn)
        .stream(items::close);
  }

  /**
   * Applies an asynchronous {@code fn} to every item with at most {@code k} stages pending, without
   * a thread per item: the caller's thread starts calls and waits for their stages. Results and
   * failure handling as for {@link #map}; cancellation cancels pending stages through {@link
   * CompletionStage#toCompletableFuture()}.
   *
   * <pre>{@code
   * List<HttpResponse<String>> responses =
   *     BoundedWindow.of(32).mapAsync(requests, r -> client.sendAsync(r, ofString()));
   * }</pre>
   */
  @SuppressWarnings("unchecked") // a run throws checked exceptions only from fn, and fn throws E
  public <T, R, E extends Exception> List<R> mapAsync(
      Iterable<? extends T> items,
      ThrowingFunction<? super T, ? extends CompletionStage<? extends R>, E> fn)
      throws E {
    Objects.requireNonNull(fn, "fn");
    try {
      return new AsyncRun<T, R>(this, items, fn).run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw (E) e;
    }
  }

  /**
   * Makes a few heterogeneous calls at once (at most {@code k} at a time), the {@code tokio::join!}
   * case, and returns their results in argument order. Fails fast like {@link #map}.
   *
   * <pre>{@code
   * List<Object> r = BoundedWindow.of(3).all(() -> users.get(id), () -> orders.of(id), () -> ads());
   * User user = (User) r.get(0);
   * }</pre>
   */
  @SafeVarargs
  public final <R, E extends Exception> List<R> all(ThrowingSupplier<? extends R, E>... calls)
      throws E {
    List<ThrowingSupplier<? extends R, E>> list = new ArrayList<>(calls.length);
    for (ThrowingSupplier<? extends R, E> call : calls) { // not Arrays.asList: the array escapes
      list.add(Objects.requireNonNull(call, "call"));
    }
    return ordered().map(list, ThrowingSupplier::get);
  }

  // ----------------------------------------------------------------------------------------------
  // For the implementation.

  Executor executorOrNull() {
    return executor;
  }

  Duration timeoutOrNull() {
    return timeout;
  }

  Duration cancelGrace() {
    return cancelGrace;
  }

  Consumer<? super Stats> statsListenerOrNull() {
    return statsListener;
  }

  int effectiveReorderBuffer() {
    return reorderBuffer > 0
        ? reorderBuffer
        : Math.min(MAX_REORDER_BUFFER, Math.max(MIN_DEFAULT_REORDER_BUFFER, 4 * k));
  }

  @Override
  public String toString() {
    return "BoundedWindow{k="
        + k
        + (ordered ? ", ordered" : ", unordered")
        + ", reorderBuffer="
        + effectiveReorderBuffer()
        + (executor == null ? ", virtual threads" : ", executor=" + executor)
        + (timeout == null ? "" : ", timeout=" + timeout)
        + "}";
  }
}
