package dev.lockstep.benchmarks.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Tiny runs of every benchmark, so that they cannot rot; their numbers mean nothing. */
final class BenchmarkSmokeTest {

  @Test
  void latencyBenchmarkRunsEveryPeerCorrectly() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<LatencyBenchmark.Row> rows =
        LatencyBenchmark.runAll(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertFalse(rows.isEmpty());
    for (LatencyBenchmark.Row r : rows) {
      assertTrue(r.correct(), r.peer());
    }
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("flatMapSequential"));
  }

  @Test
  void memoryBenchmarkRuns() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<MemoryBenchmark.Row> rows =
        MemoryBenchmark.runAll(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    for (MemoryBenchmark.Row r : rows) {
      // sum of (i & 7) over 0..n-1 for n a multiple of 8
      assertEquals(r.n() / 8 * 28, r.sum(), r.peer());
    }
  }

  @Test
  void overheadBenchmarkRunsOneIterationOfEveryPeer() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(OverheadBenchmark.class.getName())
            .param("n", "2000")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(50))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertEquals(10, results.size());
  }
}
