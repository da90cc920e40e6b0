package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Async functions: no thread per item, at most k stages pending; failures as for blocking runs. */
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

  @Test
  void otherFailuresAreAttachedAsSuppressed() throws Exception {
    IOException first = new IOException("f0");
    IOException second = new IOException("f1");
    IllegalStateException third = new IllegalStateException("f2");
    Throwable thrown = failTogether(first, second, third);
    assertThat(thrown).isSameInstanceAs(first);
    assertThat(thrown.getSuppressed()).asList().containsExactly(second, third).inOrder();
  }

  @Test
  void anErrorIsThrownBeforeTheFirstFailureWhichIsAttached() throws Exception {
    IOException first = new IOException("first");
    AssertionError error = new AssertionError("error");
    Throwable thrown = failTogether(first, error);
    assertThat(thrown).isSameInstanceAs(error);
    assertThat(thrown.getSuppressed()).asList().containsExactly(first);
  }

  /**
   * One item per failure, all pending at once on stages that cancelling cannot stop (a minimal
   * stage's {@code toCompletableFuture()} is a copy), then failed in the given order: the first
   * failure cancels the run, and the others still arrive. Returns what the caller got.
   */
  private static Throwable failTogether(Throwable... failures) throws Exception {
    List<CompletableFuture<Integer>> sources = new CopyOnWriteArrayList<>();
    CountDownLatch issued = new CountDownLatch(failures.length);
    Thread completer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    if (issued.await(5, TimeUnit.SECONDS)) {
                      for (int i = 0; i < failures.length; i++) {
                        sources.get(i).completeExceptionally(failures[i]);
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Throwable thrown =
        assertThrows(
            Throwable.class,
            () ->
                BoundedWindow.of(failures.length)
                    .mapAsync(
                        IntStream.range(0, failures.length).boxed().toList(),
                        i -> {
                          CompletableFuture<Integer> source = new CompletableFuture<>();
                          sources.add(source);
                          issued.countDown();
                          return source.minimalCompletionStage();
                        }));
    completer.join(5_000);
    return thrown;
  }

  @Test
  void aThrowingInputEndsTheRunWithItsException() {
    Iterable<Integer> input = Inputs.throwingAt(20, Integer.MAX_VALUE, "input broke");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> BoundedWindow.of(3).mapAsync(input, CompletableFuture::completedFuture));
    assertThat(e).hasMessageThat().isEqualTo("input broke");
    assertThat(e.getSuppressed()).isEmpty();
  }

  @Test
  void callerInterruptCancelsPendingStagesAndRestoresTheFlag() throws Exception {
    ConcurrentLinkedQueue<CompletableFuture<Integer>> issued = new ConcurrentLinkedQueue<>();
    CountDownLatch pending = new CountDownLatch(2);
    BoundedWindow window = BoundedWindow.of(2);
    Caller.Result<List<Integer>> r =
        Caller.run(
            () ->
                window.mapAsync(
                    IntStream.range(0, 10).boxed().toList(),
                    i -> {
                      CompletableFuture<Integer> never = new CompletableFuture<>();
                      issued.add(never);
                      pending.countDown();
                      return never;
                    }),
            () -> assertThat(pending.await(5, TimeUnit.SECONDS)).isTrue());
    assertThat(r.thrown()).isInstanceOf(CancellationException.class);
    assertThat(r.thrown()).hasMessageThat().contains("interrupted");
    assertThat(r.interruptFlag()).isTrue();
    assertThat(issued).hasSize(2);
    for (CompletableFuture<Integer> f : issued) {
      assertThat(f.isCancelled()).isTrue();
    }
  }
}
