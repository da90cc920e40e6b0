package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configuration and the happy paths of every terminal operation. */
final class BoundedWindowTest {
  private final Leaks leaks = new Leaks();

  @AfterEach
  void noLeaks() {
    leaks.assertNoLiveLanes();
  }

  @Test
  void ofRejectsWindowsBelowOneNamingTheValue() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> BoundedWindow.of(0));
    assertThat(zero).hasMessageThat().contains("was 0");
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> BoundedWindow.of(-7));
    assertThat(negative).hasMessageThat().contains("was -7");
  }

  @Test
  void configurationIsValidatedAndImmutable() {
    BoundedWindow w = BoundedWindow.of(3);
    assertThat(w.k()).isEqualTo(3);
    assertThat(w.isOrdered()).isTrue();
    BoundedWindow u = w.unordered();
    assertThat(u.isOrdered()).isFalse();
    assertThat(w.isOrdered()).isTrue();
    assertThat(u.ordered().isOrdered()).isTrue();
    assertThat(w.toString()).contains("k=3");
    assertThat(w.effectiveReorderBuffer()).isEqualTo(1024);
    assertThat(BoundedWindow.of(1000).effectiveReorderBuffer()).isEqualTo(4000);
    assertThat(w.reorderBuffer(7).effectiveReorderBuffer()).isEqualTo(7);
    assertThat(assertThrows(IllegalArgumentException.class, () -> w.reorderBuffer(0)))
        .hasMessageThat()
        .contains("was 0");
    assertThrows(IllegalArgumentException.class, () -> w.timeout(java.time.Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> w.cancelGrace(java.time.Duration.ofMillis(-1)));
  }

  @Test
  void mapKeepsInputOrder() throws Exception {
    List<Integer> items = IntStream.range(0, 500).boxed().toList();
    List<Integer> out =
        leaks
            .of(8)
            .map(
                items,
                i -> {
                  Thread.sleep(i % 3); // finish out of order
                  return i * 2;
                });
    assertThat(out).containsExactlyElementsIn(items.stream().map(i -> i * 2).toList()).inOrder();
  }

  @Test
  void unorderedMapReturnsEveryResultOnce() {
    List<Integer> items = IntStream.range(0, 3000).boxed().toList();
    List<Integer> out = leaks.of(16).unordered().map(items, i -> i + 1);
    assertThat(out).containsExactlyElementsIn(items.stream().map(i -> i + 1).toList());
  }

  @Test
  void mapOverALazyIterableOfUnknownSize() {
    Iterable<Integer> lazy =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                return next < 2500; // more than two chunks of slots
              }

              @Override
              public Integer next() {
                return next++;
              }
            };
    List<Integer> out = leaks.of(5).map(lazy, i -> -i);
    assertThat(out).hasSize(2500);
    for (int i = 0; i < 2500; i++) {
      assertThat(out.get(i)).isEqualTo(-i);
    }
  }

  @Test
  void emptyInputAndNullResults() {
    assertThat(leaks.of(4).map(List.<String>of(), s -> s)).isEmpty();
    List<Object> nulls = leaks.of(4).map(Arrays.asList(1, 2, 3), i -> null);
    assertThat(nulls).containsExactly(null, null, null);
  }

  @Test
  void resultListIsUnmodifiable() {
    List<Integer> out = leaks.of(2).map(List.of(1), i -> i);
    assertThrows(UnsupportedOperationException.class, () -> out.add(2));
  }

  @Test
  void forEachRunsEveryItemOnce() {
    ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    leaks.of(7).forEach(items, seen::add);
    assertThat(seen).containsExactlyElementsIn(items);
  }

  @Test
  void checkedExceptionsPropagateWithTheirOwnType() {
    // map(...) declares exactly what the function throws: IOException here.
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                leaks
                    .of(2)
                    .map(
                        List.of("a", "b"),
                        s -> {
                          if (s.equals("b")) {
                            throw new IOException("no " + s);
                          }
                          return s;
                        }));
    assertThat(e).hasMessageThat().isEqualTo("no b");
  }

  @Test
  void allFansOutHeterogeneousCallsInArgumentOrder() throws Exception {
    ConcurrencyProbe probe = new ConcurrencyProbe();
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
    List<Object> r =
        leaks
            .of(3)
            .unordered() // all() keeps argument order whatever the window says
            .all(
                () -> {
                  together.await(5, java.util.concurrent.TimeUnit.SECONDS);
                  return "user";
                },
                () -> {
                  together.await(5, java.util.concurrent.TimeUnit.SECONDS);
                  return 42;
                },
                () -> {
                  together.await(5, java.util.concurrent.TimeUnit.SECONDS);
                  return List.of("ad");
                });
    assertThat(r).containsExactly("user", 42, List.of("ad")).inOrder();
    assertThat(probe.max()).isAtMost(3);
  }

  @Test
  void suppliedExecutorRunsTheLanes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<String> threads = Collections.synchronizedList(new ArrayList<>());
      BoundedWindow.of(3)
          .executor(leaks.track(pool))
          .forEach(
              IntStream.range(0, 50).boxed().toList(),
              i -> threads.add(Thread.currentThread().getName()));
      assertThat(threads).hasSize(50);
      assertThat(threads.stream().allMatch(n -> n.startsWith("pool-"))).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void defaultExecutorUsesVirtualThreadsThatEndWithTheRun() throws Exception {
    // The one run on the default executor (the others are tracked by leaks): its lane threads
    // must end, also after a failure.
    Set<Thread> lanes = ConcurrentHashMap.newKeySet();
    List<Boolean> virtual =
        BoundedWindow.of(2)
            .map(
                List.of(1, 2, 3),
                i -> {
                  lanes.add(Thread.currentThread());
                  return Thread.currentThread().isVirtual();
                });
    assertThat(virtual).containsExactly(true, true, true);
    assertThrows(
        IOException.class,
        () ->
            BoundedWindow.of(2)
                .forEach(
                    List.of(1, 2, 3),
                    i -> {
                      lanes.add(Thread.currentThread());
                      throw new IOException("fails");
                    }));
    assertThat(lanes).isNotEmpty();
    Leaks.assertEnded(lanes);
  }

  @Test
  void statsAreReportedPerRun() throws Exception {
    AtomicReference<Stats> stats = new AtomicReference<>();
    List<Integer> items = IntStream.range(0, 40).boxed().toList();
    AtomicInteger calls = new AtomicInteger();
    leaks
        .of(4)
        .onStats(stats::set)
        .forEach(
            items,
            i -> {
              calls.incrementAndGet();
              Thread.sleep(1);
            });
    Stats s = stats.get();
    assertThat(s.k()).isEqualTo(4);
    assertThat(s.itemsDone()).isEqualTo(40);
    assertThat(s.itemsFailed()).isEqualTo(0);
    assertThat(s.itemsCancelled()).isEqualTo(0);
    assertThat(s.peakInFlight()).isAtMost(4);
    assertThat(s.peakInFlight()).isAtLeast(1);
    assertThat(s.busyTime().toNanos()).isAtLeast(40 * 1_000_000L);
    assertThat(s.fastestCall().toNanos()).isAtLeast(1_000_000L);
    assertThat(s.achievedParallelism()).isGreaterThan(0.0);
    assertThat(s.toString()).contains("window 4: 40 done");
  }

  @Test
  void statsShowFakeConcurrencyOnASingleThreadExecutor() throws Exception {
    // A window of 5 on a one-thread pool: one call at a time, whatever k says. Busy time cannot
    // exceed wall time on one thread, so this ratio is exact, not a timing guess.
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<Stats> stats = new AtomicReference<>();
      BoundedWindow.of(5)
          .executor(leaks.track(one))
          .onStats(stats::set)
          .forEach(IntStream.range(0, 20).boxed().toList(), i -> Thread.sleep(1));
      assertThat(stats.get().peakInFlight()).isEqualTo(1);
      assertThat(stats.get().achievedParallelism()).isAtMost(1.0);
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void serviceParallelismShowsALockInsideTheCalls() throws Exception {
    // Five lanes queue on one lock held across a wait: all five are "busy", one makes progress.
    Object lock = new Object();
    AtomicReference<Stats> stats = new AtomicReference<>();
    leaks
        .of(5)
        .onStats(stats::set)
        .forEach(
            IntStream.range(0, 30).boxed().toList(),
            i -> {
              synchronized (lock) {
                Thread.sleep(2);
              }
            });
    // Sum of lock holds <= wall, each call >= its hold >= the fastest call's hold.
    assertThat(stats.get().serviceParallelism()).isLessThan(1.5);
  }
}
