package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Never more than k in flight: a probe inside the function, many callers, many seeds. */
final class BoundTest {
  private final Leaks leaks = new Leaks();

  @AfterEach
  void noLeaks() {
    leaks.assertNoLiveLanes();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 16, 64})
  void neverMoreThanKInFlight(int k) throws Exception {
    // Eight callers share one window, each with its own run and its own probe.
    BoundedWindow window = leaks.of(k);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> maxes = new ArrayList<>();
      for (int seed = 0; seed < 8; seed++) {
        Random random = new Random(seed * 31L + k);
        long[] pauses = random.longs(400, 0, 50_000).toArray();
        maxes.add(
            callers.submit(
                () -> {
                  ConcurrencyProbe probe = new ConcurrencyProbe();
                  BoundedWindow w = seedsUnordered(window, pauses);
                  w.forEach(
                      IntStream.range(0, pauses.length).boxed().toList(),
                      i -> {
                        probe.enter();
                        LockSupport.parkNanos(pauses[i]);
                        probe.exit();
                      });
                  return probe.max();
                }));
      }
      for (Future<Integer> max : maxes) {
        assertThat(max.get(60, TimeUnit.SECONDS)).isAtMost(k);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static BoundedWindow seedsUnordered(BoundedWindow w, long[] pauses) {
    return pauses[0] % 2 == 0 ? w.unordered() : w;
  }

  @Test
  void theWindowFillsUpToK() throws Exception {
    // k calls meet at a barrier: this can only finish if k are in flight at once.
    int k = 6;
    CyclicBarrier barrier = new CyclicBarrier(k);
    Stats[] stats = new Stats[1];
    leaks
        .of(k)
        .onStats(s -> stats[0] = s)
        .forEach(
            IntStream.range(0, 4 * k).boxed().toList(), i -> barrier.await(10, TimeUnit.SECONDS));
    assertThat(stats[0].peakInFlight()).isEqualTo(k);
  }
}
