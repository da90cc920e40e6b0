package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lazy streams: O(k + reorderBuffer) memory, order, close, failures. */
final class StreamTest {
  private final Leaks leaks = new Leaks();

  @AfterEach
  void noLeaks() {
    leaks.assertNoLiveLanes();
  }

  /** An endless input that counts what was pulled. */
  private static final class Counting implements Iterator<Integer> {
    final AtomicInteger pulled = new AtomicInteger();

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public Integer next() {
      return pulled.getAndIncrement();
    }
  }

  @Test
  void orderedStreamOverAnEndlessInputPullsOnlyWhatTheWindowHolds() {
    Counting input = new Counting();
    int k = 8;
    int buffer = 32;
    int maxAhead = 0;
    try (Stream<Integer> s = leaks.of(k).reorderBuffer(buffer).stream(input, i -> i * 10)) {
      Iterator<Integer> it = s.iterator();
      for (int consumed = 0; consumed < 20_000; consumed++) {
        assertThat(it.next()).isEqualTo(consumed * 10);
        // Pulled but not yet consumed: in flight or waiting in the buffer.
        maxAhead = Math.max(maxAhead, input.pulled.get() - consumed - 1);
      }
    }
    assertThat(maxAhead).isAtMost(k + buffer);
  }

  @Test
  void unorderedStreamIsBoundedToo() {
    Counting input = new Counting();
    int maxAhead = 0;
    try (Stream<Integer> s = leaks.of(4).unordered().reorderBuffer(4).stream(input, i -> i)) {
      Iterator<Integer> it = s.iterator();
      for (int consumed = 0; consumed < 5000; consumed++) {
        it.next();
        maxAhead = Math.max(maxAhead, input.pulled.get() - consumed - 1);
      }
    }
    assertThat(maxAhead).isAtMost(8);
  }

  @Test
  void aSlowHeadDoesNotStopTheOtherLanesUntilTheBufferIsFull() throws Exception {
    // Item 0 blocks; the other k - 1 lanes keep working through items 1.. until k + buffer items
    // are pulled, and no further. Deterministic: no timing involved.
    CountDownLatch release = new CountDownLatch(1);
    Counting input = new Counting();
    int k = 4;
    int buffer = 50;
    AtomicInteger finished = new AtomicInteger();
    Thread consumer;
    List<Integer> got = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (Stream<Integer> s =
        leaks.of(k).reorderBuffer(buffer).stream(
            input,
            i -> {
              if (i == 0) {
                release.await(10, TimeUnit.SECONDS);
              }
              finished.incrementAndGet();
              return i;
            })) {
      consumer = Thread.ofPlatform().start(() -> s.limit(100).forEach(got::add));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (finished.get() < k + buffer - 1 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      // k - 1 lanes finished k + buffer - 1 results behind the slow head, which blocks the
      // consumer; the window admits nothing beyond k + buffer items.
      assertThat(finished.get()).isEqualTo(k + buffer - 1);
      assertThat(input.pulled.get()).isEqualTo(k + buffer);
      assertThat(got).isEmpty();
      release.countDown();
      consumer.join(10_000);
    }
    assertThat(got).containsExactlyElementsIn(IntStream.range(0, 100).boxed().toList()).inOrder();
  }

  @Test
  void closingEarlyCancelsAndInterruptsRunningCalls() throws Exception {
    AtomicInteger interrupted = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    Counting input = new Counting();
    Stream<Integer> s =
        leaks.of(3).stream(
            input,
            i -> {
              if (i >= 1) {
                running.countDown();
                Interrupts.sleepCounting(interrupted);
              }
              return i;
            });
    Iterator<Integer> it = s.iterator();
    assertThat(it.next()).isEqualTo(0);
    // Close while a call runs: one only submitted when close() comes is cancelled, not interrupted
    // (on a loaded machine the lanes may not have started by the time the head is consumed).
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    s.close();
    // The interrupted call counts itself on its own thread; wait for it, within a bound.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (interrupted.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(interrupted.get()).isAtLeast(1);
    assertThat(input.pulled.get()).isAtMost(1 + 3 + 1);
  }

  @Test
  void closingTheResultClosesTheInputStream() {
    AtomicBoolean closed = new AtomicBoolean();
    try (Stream<Integer> s =
        leaks.of(2).stream(Stream.of(1, 2, 3).onClose(() -> closed.set(true)), i -> i)) {
      assertThat(s.toList()).containsExactly(1, 2, 3).inOrder();
    }
    assertThat(closed.get()).isTrue();
  }

  @Test
  void aFailureIsThrownFromTheTerminalOperation() {
    try (Stream<Integer> s =
        leaks.of(2).stream(
            IntStream.range(0, 100).boxed().toList(),
            i -> {
              if (i == 30) {
                throw new IOException("io");
              }
              return i;
            })) {
      CompletionException e = assertThrows(CompletionException.class, () -> s.forEach(x -> {}));
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("io");
    }
    try (Stream<Integer> s =
        leaks.of(2).stream(
            List.of(1),
            i -> {
              throw new IllegalStateException("unchecked as is");
            })) {
      assertThrows(IllegalStateException.class, s::toList);
    }
  }

  @Test
  void nullResultsAndEmptyInputs() {
    try (Stream<Object> s = leaks.of(2).stream(List.of(1, 2), i -> null)) {
      assertThat(s.toList()).containsExactly(null, null);
    }
    try (Stream<Object> s = leaks.of(2).stream(List.of(), i -> i)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aStreamNeverConsumedStartsNothing() {
    Counting input = new Counting();
    leaks.of(2).stream(input, i -> i).close();
    assertThat(input.pulled.get()).isEqualTo(0);
  }
}
