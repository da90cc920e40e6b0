package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Async functions: no thread per item, at most k stages pending. */
final class AsyncTest {
  private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);

  @AfterAll
  static void stopTimer() {
    TIMER.shutdownNow();
  }

  @Test
  void atMostKStagesPendingAndResultsInOrder() {
    ConcurrencyProbe probe = new ConcurrencyProbe();
    List<Integer> items = IntStream.range(0, 300).boxed().toList();
    List<Integer> out =
        BoundedWindow.of(7)
            .mapAsync(
                items,
                i -> {
                  probe.enter();
                  CompletableFuture<Integer> f = new CompletableFuture<>();
                  var unused =
                      TIMER.schedule(
                          () -> {
                            probe.exit();
                            f.complete(i * 3);
                          },
                          i % 3,
                          TimeUnit.MILLISECONDS);
                  return f;
                });
    assertThat(out).containsExactlyElementsIn(items.stream().map(i -> i * 3).toList()).inOrder();
    assertThat(probe.max()).isAtMost(7);
  }

  @Test
  void alreadyCompletedStagesDoNotRecurse() {
    List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
    List<Integer> out =
        BoundedWindow.of(4).unordered().mapAsync(items, CompletableFuture::completedFuture);
    assertThat(out).hasSize(100_000);
  }

  @Test
  void failureCancelsPendingStages() {
    ConcurrentLinkedQueue<CompletableFuture<Integer>> issued = new ConcurrentLinkedQueue<>();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                BoundedWindow.of(5)
                    .mapAsync(
                        IntStream.range(0, 100).boxed().toList(),
                        i -> {
                          CompletableFuture<Integer> f = new CompletableFuture<>();
                          issued.add(f);
                          if (i == 4) {
                            f.completeExceptionally(new IllegalStateException("x"));
                          }
                          return f;
                        }));
    assertThat(e).hasMessageThat().isEqualTo("x");
    assertThat(issued).hasSize(5);
    List<CompletableFuture<Integer>> pending = new ArrayList<>(issued);
    for (int i = 0; i < 4; i++) {
      assertThat(pending.get(i).isCancelled()).isTrue();
    }
  }

  @Test
  void deadlineCancelsPendingStages() {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    assertThrows(
        DeadlineExceededException.class,
        () ->
            BoundedWindow.of(2)
                .timeout(Duration.ofMillis(30))
                .mapAsync(List.of(1), i -> (CompletionStage<Integer>) never));
    assertThat(never.isCancelled()).isTrue();
  }
}
