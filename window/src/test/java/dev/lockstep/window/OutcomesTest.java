package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Collect-all runs: every item's outcome, in input order. */
final class OutcomesTest {
  private final Leaks leaks = new Leaks();

  @AfterEach
  void noLeaks() {
    leaks.assertNoLiveLanes();
  }

  @Test
  void everyItemGetsItsOutcomeInInputOrder() {
    List<Integer> items = IntStream.range(0, 200).boxed().toList();
    Outcomes<Integer, String> outcomes =
        leaks
            .of(6)
            .unordered() // outcomes are in input order either way
            .mapOutcomes(
                items,
                i -> {
                  if (i % 7 == 0) {
                    throw new IOException("bad " + i);
                  }
                  return "ok " + i;
                });
    assertThat(outcomes.size()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      Outcome<Integer, String> o = outcomes.all().get(i);
      assertThat(o.item()).isEqualTo(i);
      if (i % 7 == 0) {
        assertThat(((Outcome.Failure<Integer, String>) o).error())
            .hasMessageThat()
            .isEqualTo("bad " + i);
      } else {
        assertThat(((Outcome.Success<Integer, String>) o).value()).isEqualTo("ok " + i);
      }
    }
    assertThat(outcomes.failures()).hasSize(29);
    assertThat(outcomes.values()).hasSize(171);
    assertThat(outcomes.allSucceeded()).isFalse();
    assertThat(outcomes.cancelled()).isEmpty();
    assertThat(outcomes.stats().itemsFailed()).isEqualTo(29);
    assertThat(outcomes.stats().itemsSucceeded()).isEqualTo(171);
  }

  @Test
  void deadlineReturnsPartialOutcomesCoveringTheWholeCollection() {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();
    Outcomes<Integer, Integer> outcomes =
        leaks
            .of(2)
            .timeout(Duration.ofMillis(100))
            .mapOutcomes(
                items,
                i -> {
                  if (i >= 4) {
                    Thread.sleep(10_000);
                  }
                  return i;
                });
    assertThat(outcomes.size()).isEqualTo(50);
    assertThat(outcomes.values()).containsExactly(0, 1, 2, 3).inOrder();
    assertThat(outcomes.cancelled()).hasSize(46);
    for (Outcome.Cancelled<Integer, Integer> c : outcomes.cancelled()) {
      assertThat(c.reason()).isEqualTo(CancelReason.DEADLINE);
    }
  }

  @Test
  void errorsStillFailFast() {
    assertThrows(
        StackOverflowError.class,
        () ->
            leaks
                .of(2)
                .mapOutcomes(
                    List.of(1, 2, 3),
                    i -> {
                      if (i == 2) {
                        throw new StackOverflowError();
                      }
                      return i;
                    }));
  }

  @Test
  void failuresAreOnlyOutcomesSoAnErrorCarriesNoneOfThem() {
    // One lane: item 0 fails (only an outcome), then item 1's Error fails the run.
    BoundedWindow oneLane = leaks.of(1);
    StackOverflowError error = new StackOverflowError();
    ThrowingFunction<Integer, Integer, IOException> call =
        i -> {
          if (i == 0) {
            throw new IOException("only an outcome");
          }
          throw error;
        };
    StackOverflowError thrown =
        assertThrows(StackOverflowError.class, () -> oneLane.mapOutcomes(List.of(0, 1), call));
    assertThat(thrown).isSameInstanceAs(error);
    assertThat(thrown.getSuppressed()).isEmpty();
  }

  @Test
  void aThrowingInputFailsACollectAllRun() {
    Iterable<Integer> input = Inputs.throwingAt(20, Integer.MAX_VALUE, "input broke");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> leaks.of(3).mapOutcomes(input, i -> i));
    assertThat(e).hasMessageThat().isEqualTo("input broke");
  }
}
