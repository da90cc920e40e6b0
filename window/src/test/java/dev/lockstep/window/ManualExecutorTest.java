package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Deterministic tests: a direct executor runs every lane inline on the caller's thread, and a
 * counting executor shows how many tasks a run submits.
 */
final class ManualExecutorTest {
  private final Leaks leaks = new Leaks();

  @Test
  void aRunSubmitsAtMostKTasksWhateverN() {
    AtomicInteger submitted = new AtomicInteger();
    Executor direct =
        task -> {
          submitted.incrementAndGet();
          task.run();
        };
    List<Integer> out =
        BoundedWindow.of(4)
            .executor(leaks.track(direct))
            .map(IntStream.range(0, 10_000).boxed().toList(), i -> i);
    assertThat(out).hasSize(10_000);
    assertThat(submitted.get()).isAtMost(4);
    leaks.assertNoLiveLanes();
  }

  @Test
  void fewItemsStartFewLanes() {
    AtomicInteger submitted = new AtomicInteger();
    Executor direct =
        task -> {
          submitted.incrementAndGet();
          task.run();
        };
    BoundedWindow.of(64).executor(direct).forEach(List.of(1, 2), i -> {});
    assertThat(submitted.get()).isAtMost(2);
  }

  @Test
  void aFailureOnADirectExecutorStopsAtOnceAndStartsNothingElse() {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Stats> stats = new AtomicReference<>();
    RuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () ->
                BoundedWindow.of(1)
                    .executor(Runnable::run)
                    .onStats(stats::set)
                    .forEach(
                        IntStream.range(0, 100).boxed().toList(),
                        i -> {
                          calls.incrementAndGet();
                          if (i == 10) {
                            throw new RuntimeException("ten");
                          }
                        }));
    assertThat(e).hasMessageThat().isEqualTo("ten");
    assertThat(calls.get()).isEqualTo(11);
    assertThat(stats.get().itemsSucceeded()).isEqualTo(10);
    assertThat(stats.get().itemsFailed()).isEqualTo(1);
  }

  @Test
  void lanesQueuedBehindACancellationPullNothing() throws Exception {
    // Lanes are queued, the run is failed by the first lane; the queued lanes, run afterwards,
    // must see the cancellation and never call the function.
    Queue<Runnable> queued = new ArrayDeque<>();
    AtomicInteger calls = new AtomicInteger();
    Executor manual =
        task -> {
          synchronized (queued) {
            queued.add(task);
            queued.notifyAll();
          }
        };
    Caller<Void> caller =
        Caller.start(
            () -> {
              BoundedWindow.of(3)
                  .executor(leaks.track(manual))
                  .forEach(
                      IntStream.range(0, 50).boxed().toList(),
                      i -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException("first");
                      });
              return null;
            });
    Runnable first = take(queued);
    first.run(); // pulls item 0, queues lane 2, fails: cancels
    Runnable second = take(queued);
    second.run(); // sees the cancellation
    assertThat(caller.join().thrown()).hasMessageThat().isEqualTo("first");
    assertThat(calls.get()).isEqualTo(1);
    leaks.assertNoLiveLanes();
  }

  private static Runnable take(Queue<Runnable> queued) throws InterruptedException {
    synchronized (queued) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (queued.isEmpty() && System.currentTimeMillis() < deadline) {
        queued.wait(100);
      }
      return queued.remove();
    }
  }
}
