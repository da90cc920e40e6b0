package dev.lockstep.benchmarks.window;

import dev.lockstep.window.BoundedWindow;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Latency-bound runs: each call sleeps its round-trip time, so the best any window of {@code k} can
 * do is {@code ⌈N/k⌉ × RTT}. Prints wall time and the ratio to that ideal for each peer.
 *
 * <p>Also the head-of-line case: {@code N = 400, k = 16}, RTT 10 ms but every 50th item 500 ms,
 * where an ordered window that only counts {@code k} items stalls behind each slow item.
 *
 * <p>{@code java ... LatencyBenchmark [--quick]}: {@code --quick} uses tiny sizes (the smoke test).
 */
public final class LatencyBenchmark {
  private LatencyBenchmark() {}

  /** One workload: N items, window k, every call RTT, except every slowEvery-th slowRtt. */
  record Scenario(String name, int n, int k, Duration rtt, int slowEvery, Duration slowRtt) {
    Duration latency(int i) {
      return slowEvery > 0 && i % slowEvery == slowEvery - 1 ? slowRtt : rtt;
    }

    /** ⌈N/k⌉ × RTT; with slow items, max(slowest item, Σ latency / k), a lower bound. */
    Duration ideal() {
      if (slowEvery == 0) {
        return rtt.multipliedBy((n + k - 1) / k);
      }
      long sum = 0;
      long max = 0;
      for (int i = 0; i < n; i++) {
        sum += latency(i).toNanos();
        max = Math.max(max, latency(i).toNanos());
      }
      return Duration.ofNanos(Math.max(max, sum / k));
    }

    IntUnaryOperator call() {
      return i -> {
        sleep(latency(i));
        return i * 2;
      };
    }
  }

  /** A peer's measured run. */
  record Row(String scenario, String peer, Duration wall, double ratio, boolean correct) {}

  /** A way to run a scenario. */
  record Contender(String label, boolean ordered, Runner runner) {}

  @FunctionalInterface
  interface Runner {
    List<Integer> run(Scenario s) throws Exception;
  }

  static List<Contender> standardContenders() {
    List<Contender> all = new ArrayList<>();
    for (Peer p : Peer.values()) {
      all.add(new Contender(p.label, p.ordered, s -> p.map(items(s.n()), s.k(), s.call())));
    }
    all.add(
        new Contender(
            "BoundedWindow mapAsync (no thread per item)",
            true,
            s ->
                BoundedWindow.of(s.k())
                    .mapAsync(
                        items(s.n()),
                        i ->
                            CompletableFuture.supplyAsync(
                                () -> i * 2,
                                CompletableFuture.delayedExecutor(
                                    s.latency(i).toNanos(), TimeUnit.NANOSECONDS)))));
    return all;
  }

  static List<Contender> headOfLineContenders() {
    List<Contender> all = new ArrayList<>();
    all.add(contender(Peer.WINDOW_ORDERED));
    all.add(
        new Contender(
            "BoundedWindow ordered stream (default reorder buffer)",
            true,
            s -> streamed(BoundedWindow.of(s.k()), s)));
    all.add(
        new Contender(
            "BoundedWindow ordered stream, reorderBuffer(k) (k-counting)",
            true,
            s -> streamed(BoundedWindow.of(s.k()).reorderBuffer(s.k()), s)));
    all.add(contender(Peer.WINDOW_UNORDERED));
    all.add(contender(Peer.REACTOR_FLATMAP_SEQUENTIAL));
    all.add(contender(Peer.REACTOR_FLATMAP));
    all.add(contender(Peer.RX_FLATMAP));
    return all;
  }

  private static Contender contender(Peer p) {
    return new Contender(p.label, p.ordered, s -> p.map(items(s.n()), s.k(), s.call()));
  }

  private static List<Integer> streamed(BoundedWindow w, Scenario s) {
    IntUnaryOperator f = s.call();
    try (Stream<Integer> results = w.stream(items(s.n()), f::applyAsInt)) {
      return results.toList();
    }
  }

  static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** Runs every contender on the scenario; skips those that would take longer than maxWall. */
  static List<Row> run(Scenario s, List<Contender> contenders, Duration maxSerial)
      throws Exception {
    List<Integer> expected = items(s.n()).stream().map(i -> i * 2).toList();
    List<Row> rows = new ArrayList<>();
    for (Contender c : contenders) {
      if (c.label().equals(Peer.SERIAL.label)
          && s.rtt().multipliedBy(s.n()).compareTo(maxSerial) > 0) {
        rows.add(
            new Row(
                s.name(),
                c.label() + " (skipped: ≈ N × RTT)",
                s.rtt().multipliedBy(s.n()),
                s.n(),
                true));
        continue;
      }
      long t0 = System.nanoTime();
      List<Integer> out = c.runner().run(s);
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);
      boolean correct =
          c.ordered() ? out.equals(expected) : out.stream().sorted().toList().equals(expected);
      rows.add(
          new Row(
              s.name(), c.label(), wall, (double) wall.toNanos() / s.ideal().toNanos(), correct));
    }
    return rows;
  }

  static void print(Scenario s, List<Row> rows, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%n%s: N = %d, k = %d, RTT = %d ms%s; ideal %d ms%n",
        s.name(),
        s.n(),
        s.k(),
        s.rtt().toMillis(),
        s.slowEvery() > 0
            ? ", every " + s.slowEvery() + "th item " + s.slowRtt().toMillis() + " ms"
            : "",
        s.ideal().toMillis());
    out.printf(Locale.ROOT, "| %-60s | %9s | %8s | %s |%n", "peer", "wall ms", "× ideal", "ok");
    out.printf(
        Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(62), "-".repeat(11), "-".repeat(10), "----");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %-60s | %9d | %8.3f | %s |%n",
          r.peer(),
          r.wall().toMillis(),
          r.ratio(),
          r.correct() ? "✓" : "WRONG");
    }
  }

  static List<Scenario> scenarios(boolean quick) {
    if (quick) {
      return List.of(
          new Scenario("latency, small", 10, 2, Duration.ofMillis(2), 0, Duration.ZERO),
          new Scenario("head-of-line", 20, 4, Duration.ofMillis(1), 10, Duration.ofMillis(20)));
    }
    return List.of(
        new Scenario("latency, N=50", 50, 5, Duration.ofMillis(200), 0, Duration.ZERO),
        new Scenario("latency, N=10000", 10_000, 100, Duration.ofMillis(10), 0, Duration.ZERO),
        new Scenario("head-of-line", 400, 16, Duration.ofMillis(10), 50, Duration.ofMillis(500)));
  }

  /** Runs all scenarios and prints their tables; returns every row. */
  static List<Row> runAll(boolean quick, PrintStream out) throws Exception {
    // Warm-up: load and JIT every path once on a tiny workload.
    Scenario warm = new Scenario("warm-up", 64, 8, Duration.ofMillis(1), 0, Duration.ZERO);
    run(warm, standardContenders(), Duration.ofSeconds(1));
    run(warm, headOfLineContenders(), Duration.ofSeconds(1));

    List<Row> all = new ArrayList<>();
    for (Scenario s : scenarios(quick)) {
      List<Contender> contenders =
          s.slowEvery() > 0 ? headOfLineContenders() : standardContenders();
      List<Row> rows = run(s, contenders, Duration.ofSeconds(30));
      print(s, rows, out);
      all.addAll(rows);
    }
    return all;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    runAll(quick, System.out);
    System.exit(0); // the peers' schedulers keep non-daemon threads
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
