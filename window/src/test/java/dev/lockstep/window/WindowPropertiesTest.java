package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Thousands of random schedules: random sizes, windows, latencies, failures, Errors, deadlines,
 * caller interrupts and throwing inputs. Whatever happens: every item has exactly one outcome, no
 * call runs twice, never more than k in flight, the caller's interrupt flag comes back, and no lane
 * outlives its run.
 */
final class WindowPropertiesTest {
  private final Leaks leaks = new Leaks();

  private static final ExecutorService POOL = Executors.newFixedThreadPool(6);

  enum Stop {
    NONE,
    DEADLINE,
    INTERRUPT,
    THROWING_INPUT,
  }

  /** What one item does, decided by the seed: latency, failure, Error. */
  private record Plan(long seed, int failPermille, int errorPermille) {
    long pauseNanos(int i) {
      return new SplittableRandom(seed + i).nextLong(200_000);
    }

    boolean fails(int i) {
      return new SplittableRandom(seed ^ (i * 7919L)).nextInt(1000) < failPermille;
    }

    boolean errs(int i) {
      return new SplittableRandom(seed ^ (i * 104729L)).nextInt(1000) < errorPermille;
    }
  }

  static final class PlannedError extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** Runs one item per the plan, counting calls and calls in flight. */
  private static Integer call(Plan plan, int i, AtomicIntegerArray calls, ConcurrencyProbe probe)
      throws Exception {
    calls.incrementAndGet(i);
    probe.enter();
    try {
      LockSupport.parkNanos(plan.pauseNanos(i));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (plan.errs(i)) {
        throw new PlannedError();
      }
      if (plan.fails(i)) {
        throw new java.io.IOException("planned " + i);
      }
      return i * 2;
    } finally {
      probe.exit();
    }
  }

  private static Iterable<Integer> input(int n, Stop stop, int throwAt) {
    if (stop != Stop.THROWING_INPUT) {
      return java.util.stream.IntStream.range(0, n).boxed().toList();
    }
    return Inputs.throwingAt(throwAt, n, "input");
  }

  /** Runs {@code body} on a fresh thread, interrupting it after a while if asked to. */
  private static <X> Caller.Result<X> onCaller(
      Stop stop, long interruptAfterNanos, Caller.Body<X> body) throws Exception {
    return Caller.run(
        body, stop == Stop.INTERRUPT ? () -> LockSupport.parkNanos(interruptAfterNanos) : null);
  }

  private BoundedWindow window(int k, boolean ordered, Stop stop, long deadlineMicros) {
    BoundedWindow w = leaks.of(k);
    w = ordered ? w : w.unordered();
    if (stop == Stop.DEADLINE) {
      w = w.timeout(Duration.ofNanos(deadlineMicros * 1000));
    }
    return w;
  }

  @AfterProperty
  void noLeaks() {
    leaks.assertNoLiveLanes();
  }

  @Property(tries = 1500)
  void collectAllGivesEveryItemExactlyOneOutcome(
      @ForAll @IntRange(min = 0, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll boolean ordered,
      @ForAll boolean pooled,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 300) int failPermille,
      @ForAll @IntRange(min = 0, max = 10) int errorPermille,
      @ForAll Stop stop,
      @ForAll @IntRange(min = 0, max = 130) int throwAt,
      @ForAll @LongRange(min = 1, max = 3000) long stopAfterMicros)
      throws Exception {
    Plan plan = new Plan(seed, failPermille, errorPermille);
    AtomicIntegerArray calls = new AtomicIntegerArray(n);
    ConcurrencyProbe probe = new ConcurrencyProbe();
    BoundedWindow w = window(k, ordered, stop, stopAfterMicros);
    if (pooled) {
      w = w.executor(leaks.track(POOL));
    }
    BoundedWindow window = w;
    Caller.Result<Outcomes<Integer, Integer>> r =
        onCaller(
            stop,
            stopAfterMicros * 1000,
            () -> window.mapOutcomes(input(n, stop, throwAt), i -> call(plan, i, calls, probe)));

    assertThat(probe.max()).isAtMost(k);
    for (int i = 0; i < n; i++) {
      assertWithMessage("calls of item %s", i).that(calls.get(i)).isAtMost(1);
    }
    if (r.thrown() != null) {
      // Only an Error, the input, or the caller's interrupt may end a collect-all run early.
      Throwable t = r.thrown();
      if (t instanceof CancellationException) {
        assertThat(stop).isEqualTo(Stop.INTERRUPT);
        assertThat(r.interruptFlag()).isTrue();
      } else if (t instanceof IllegalStateException) {
        assertThat(stop).isEqualTo(Stop.THROWING_INPUT);
      } else {
        assertThat(t).isInstanceOf(PlannedError.class);
      }
      return;
    }
    if (stop != Stop.INTERRUPT) { // an interrupt may land after a short run has returned
      assertThat(r.interruptFlag()).isFalse();
    }
    Outcomes<Integer, Integer> outcomes = r.value();
    assertThat(outcomes.size()).isEqualTo(n);
    long succeeded = 0;
    long failed = 0;
    long cancelled = 0;
    for (int i = 0; i < n; i++) {
      Outcome<Integer, Integer> o = outcomes.all().get(i);
      assertThat(o.item()).isEqualTo(i);
      switch (o) {
        case Outcome.Success<Integer, Integer> s -> {
          succeeded++;
          assertThat(s.value()).isEqualTo(2 * i);
          assertThat(calls.get(i)).isEqualTo(1);
        }
        case Outcome.Failure<Integer, Integer> f -> {
          failed++;
          assertThat(plan.fails(i)).isTrue();
          assertThat(calls.get(i)).isEqualTo(1);
        }
        case Outcome.Cancelled<Integer, Integer> c -> {
          cancelled++;
          assertThat(stop).isEqualTo(Stop.DEADLINE);
          assertThat(c.reason()).isEqualTo(CancelReason.DEADLINE);
        }
      }
    }
    Stats s = outcomes.stats();
    assertThat(s.itemsSucceeded()).isEqualTo(succeeded);
    assertThat(s.itemsFailed()).isEqualTo(failed);
    assertThat(s.itemsCancelled()).isEqualTo(cancelled);
    assertThat(s.peakInFlight()).isAtMost(k);
  }

  @Property(tries = 1500)
  void failFastThrowsOneRealFailureAndStartsNothingTwice(
      @ForAll @IntRange(min = 0, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll boolean ordered,
      @ForAll boolean forEach,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 100) int failPermille,
      @ForAll @IntRange(min = 0, max = 10) int errorPermille,
      @ForAll Stop stop,
      @ForAll @IntRange(min = 0, max = 130) int throwAt,
      @ForAll @LongRange(min = 1, max = 3000) long stopAfterMicros)
      throws Exception {
    Plan plan = new Plan(seed, failPermille, errorPermille);
    AtomicIntegerArray calls = new AtomicIntegerArray(n);
    ConcurrencyProbe probe = new ConcurrencyProbe();
    BoundedWindow window = window(k, ordered, stop, stopAfterMicros);
    AtomicInteger statsCalls = new AtomicInteger();
    BoundedWindow w = window.onStats(st -> statsCalls.incrementAndGet());
    Caller.Result<List<Integer>> r =
        onCaller(
            stop,
            stopAfterMicros * 1000,
            () -> {
              Iterable<Integer> items = input(n, stop, throwAt);
              if (forEach) {
                w.forEach(items, i -> call(plan, i, calls, probe));
                return null;
              }
              return w.map(items, i -> call(plan, i, calls, probe));
            });

    assertThat(probe.max()).isAtMost(k);
    assertThat(statsCalls.get()).isEqualTo(1);
    for (int i = 0; i < n; i++) {
      assertWithMessage("calls of item %s", i).that(calls.get(i)).isAtMost(1);
    }
    Throwable t = r.thrown();
    if (t == null) {
      for (int i = 0; i < n; i++) {
        assertWithMessage("item %s ran", i).that(calls.get(i)).isEqualTo(1);
        assertThat(plan.fails(i) || plan.errs(i)).isFalse();
      }
      if (!forEach) {
        List<Integer> out = r.value();
        assertThat(out).hasSize(n);
        if (ordered) {
          for (int i = 0; i < n; i++) {
            assertThat(out.get(i)).isEqualTo(2 * i);
          }
        }
      }
      if (stop != Stop.INTERRUPT) { // an interrupt may land after a short run has returned
        assertThat(r.interruptFlag()).isFalse();
      }
      return;
    }
    if (t instanceof java.io.IOException io) {
      int item = Integer.parseInt(io.getMessage().substring("planned ".length()));
      assertThat(plan.fails(item)).isTrue();
      assertThat(calls.get(item)).isEqualTo(1);
    } else if (t instanceof DeadlineExceededException) {
      assertThat(stop).isEqualTo(Stop.DEADLINE);
    } else if (t instanceof CancellationException) {
      assertThat(stop).isEqualTo(Stop.INTERRUPT);
    } else if (t instanceof IllegalStateException) {
      assertThat(stop).isEqualTo(Stop.THROWING_INPUT);
    } else {
      assertThat(t).isInstanceOf(PlannedError.class);
    }
    for (Throwable suppressed : t.getSuppressed()) {
      assertThat(suppressed).isNotSameInstanceAs(t);
    }
    // The interrupt flag is restored exactly when the caller was interrupted during the run.
    if (t instanceof CancellationException && !(t instanceof DeadlineExceededException)) {
      assertThat(r.interruptFlag()).isTrue();
    }
  }

  @Property(tries = 400)
  void streamsStayBoundedAndGiveEachResultOnce(
      @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll @IntRange(min = 1, max = 40) int buffer,
      @ForAll boolean ordered,
      @ForAll @IntRange(min = 0, max = 320) int consumeAtMost,
      @ForAll long seed)
      throws Exception {
    Plan plan = new Plan(seed, 0, 0);
    AtomicIntegerArray calls = new AtomicIntegerArray(n);
    ConcurrencyProbe probe = new ConcurrencyProbe();
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Integer> input =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return pulled.get() < n;
          }

          @Override
          public Integer next() {
            return pulled.getAndIncrement();
          }
        };
    BoundedWindow w = leaks.of(k).reorderBuffer(buffer);
    w = ordered ? w : w.unordered();
    int consumed = 0;
    boolean[] seen = new boolean[n];
    try (Stream<Integer> s = w.stream(input, i -> call(plan, i, calls, probe) / 2)) {
      Iterator<Integer> it = s.iterator();
      while (consumed < consumeAtMost && it.hasNext()) {
        int v = it.next();
        if (ordered) {
          assertThat(v).isEqualTo(consumed);
        }
        assertThat(seen[v]).isFalse();
        seen[v] = true;
        consumed++;
        assertThat(pulled.get() - consumed).isAtMost(k + buffer);
      }
    }
    assertThat(consumed).isEqualTo(Math.min(n, consumeAtMost));
    assertThat(probe.max()).isAtMost(k);
    for (int i = 0; i < n; i++) {
      assertThat(calls.get(i)).isAtMost(1);
    }
    assertThat(probe.current()).isEqualTo(0); // closing awaited every call
  }
}
