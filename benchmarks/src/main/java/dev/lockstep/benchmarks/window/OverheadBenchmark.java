package dev.lockstep.benchmarks.window;

import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Overhead-bound: N trivial calls with a window of k = 64, so the cost measured is the window's
 * own. One benchmark operation maps all N items; the score is the time per operation, and items/s
 * is {@code N / score}. Run with {@code -prof gc} for allocation per operation ({@code
 * gc.alloc.rate.norm} / N = bytes per item). Every peer gives the same guarantee: at most k calls
 * in flight on other threads, all results in a list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OverheadBenchmark {
  @Param({"1000000"})
  public int n;

  @Param({"64"})
  public int k;

  private List<Integer> items;

  private static int trivial(int i) {
    return i * 31 + 7;
  }

  private static final IntUnaryOperator TRIVIAL = OverheadBenchmark::trivial;

  @Setup(Level.Trial)
  public void setUp() {
    items = IntStream.range(0, n).boxed().toList();
  }

  @Benchmark
  public List<Integer> serialLoop() throws Exception {
    return Peer.SERIAL.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> windowOrdered() throws Exception {
    return Peer.WINDOW_ORDERED.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> windowUnordered() throws Exception {
    return Peer.WINDOW_UNORDERED.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> windowMapAsync() {
    return BoundedWindow.of(k).mapAsync(items, i -> CompletableFuture.completedFuture(trivial(i)));
  }

  @Benchmark
  public List<Integer> executorInvokeAll() throws Exception {
    return Peer.INVOKE_ALL.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> virtualThreadsSemaphore() throws Exception {
    return Peer.VIRTUAL_SEMAPHORE.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> completableFutureSemaphore() throws Exception {
    return Peer.CF_SEMAPHORE.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> reactorFlatMap() throws Exception {
    return Peer.REACTOR_FLATMAP.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> reactorFlatMapSequential() throws Exception {
    return Peer.REACTOR_FLATMAP_SEQUENTIAL.map(items, k, TRIVIAL);
  }

  @Benchmark
  public List<Integer> rxJavaFlatMap() throws Exception {
    return Peer.RX_FLATMAP.map(items, k, TRIVIAL);
  }
}
