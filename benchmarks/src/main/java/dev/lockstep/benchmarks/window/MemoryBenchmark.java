package dev.lockstep.benchmarks.window;

import dev.lockstep.window.BoundedWindow;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Stream;

/**
 * Memory: N items from a lazy input (nothing is materialized), k = 64. BoundedWindow's stream and
 * forEach hold O(k) whatever N; eager {@code invokeAll} holds a task and a future per item. The
 * number reported is the peak of the heap in use right after a collection (live data), sampled by a
 * thread during the run. Run it with a small heap (the README uses {@code -Xmx256m}) to see the
 * window pass 10 000 000 items where invokeAll needs the heap to grow with N.
 *
 * <p>{@code java ... MemoryBenchmark [--quick]}.
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  /** One measured run. */
  record Row(String peer, long n, long peakLiveBytes, long sum) {}

  /** 0, 1, 2, ... n-1, produced on demand. */
  static Iterator<Integer> lazy(long n) {
    return new Iterator<>() {
      long next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Integer next() {
        return (int) next++;
      }
    };
  }

  static Row windowStream(long n, int k) throws Exception {
    return measure(
        "BoundedWindow.stream (unordered)",
        n,
        () -> {
          try (Stream<Integer> s = BoundedWindow.of(k).unordered().stream(lazy(n), i -> i & 7)) {
            return s.mapToLong(Integer::longValue).sum();
          }
        });
  }

  static Row windowOrderedStream(long n, int k) throws Exception {
    return measure(
        "BoundedWindow.stream (ordered)",
        n,
        () -> {
          try (Stream<Integer> s = BoundedWindow.of(k).stream(lazy(n), i -> i & 7)) {
            return s.mapToLong(Integer::longValue).sum();
          }
        });
  }

  static Row windowForEach(long n, int k) throws Exception {
    return measure(
        "BoundedWindow.forEach",
        n,
        () -> {
          LongAccumulator sum = new LongAccumulator(Long::sum, 0);
          Iterable<Integer> input = () -> lazy(n);
          BoundedWindow.of(k).forEach(input, i -> sum.accumulate(i & 7));
          return sum.get();
        });
  }

  static Row invokeAll(long n, int k) throws Exception {
    return measure(
        "ExecutorService(k) + invokeAll (eager)",
        n,
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(k);
          try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (Iterator<Integer> it = lazy(n); it.hasNext(); ) {
              int i = it.next();
              tasks.add(() -> i & 7);
            }
            long sum = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
              sum += f.get();
            }
            return sum;
          } finally {
            pool.shutdownNow();
          }
        });
  }

  private static Row measure(String peer, long n, Callable<Long> body) throws Exception {
    System.gc();
    AtomicBoolean done = new AtomicBoolean();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();
    for (MemoryPoolMXBean p : heap) {
      p.resetPeakUsage();
    }
    long[] peak = new long[1];
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!done.get()) {
                    long live = 0;
                    for (MemoryPoolMXBean p : heap) {
                      var u = p.getCollectionUsage();
                      live += u == null ? 0 : u.getUsed();
                    }
                    peak[0] = Math.max(peak[0], live);
                    try {
                      Thread.sleep(5);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    long sum = body.call();
    // One collection at the end sees what the run still holds at its peak size, for runs too
    // short to have collected at all.
    done.set(true);
    sampler.join();
    return new Row(peer, n, peak[0], sum);
  }

  static List<Row> runAll(boolean quick, PrintStream out) throws Exception {
    int k = 64;
    long[] windowSizes = quick ? new long[] {1_000, 10_000} : new long[] {1_000_000, 10_000_000};
    long[] eagerSizes =
        quick ? new long[] {1_000, 10_000} : new long[] {250_000, 1_000_000, 2_000_000};
    List<Row> rows = new ArrayList<>();
    for (long n : windowSizes) {
      rows.add(windowStream(n, k));
      rows.add(windowOrderedStream(n, k));
      rows.add(windowForEach(n, k));
    }
    for (long n : eagerSizes) {
      rows.add(invokeAll(n, k));
    }
    out.printf(
        Locale.ROOT,
        "%nMemory: lazy input, k = %d, max heap %d MB; peak live heap after GC%n",
        k,
        Runtime.getRuntime().maxMemory() >> 20);
    out.printf(Locale.ROOT, "| %-40s | %12s | %14s |%n", "peer", "N", "peak live MB");
    out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(42), "-".repeat(14), "-".repeat(16));
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %-40s | %,12d | %14.1f |%n",
          r.peer(),
          r.n(),
          r.peakLiveBytes() / (1024.0 * 1024.0));
    }
    return rows;
  }

  public static void main(String[] args) throws Exception {
    runAll(List.of(args).contains("--quick"), System.out);
  }
}
