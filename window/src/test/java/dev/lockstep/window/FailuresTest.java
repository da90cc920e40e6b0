package dev.lockstep.window;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping both kinds of run share, on its own: what cancels, what the caller gets, what is
 * attached. The runs' own tests (FailFastTest, OutcomesTest, AsyncTest) cover it end to end.
 */
final class FailuresTest {
  private static final Stats THREE_DONE =
      new Stats(2, 2, 1, 0, 2, Duration.ofMillis(5), Duration.ofMillis(8), Duration.ofMillis(1));

  private final AtomicInteger onCancel = new AtomicInteger();
  private final Failures failFast = new Failures(true, onCancel::incrementAndGet);
  private final Failures collectAll = new Failures(false, onCancel::incrementAndGet);

  @Test
  void aRunIsCancelledOnceForTheFirstReason() {
    assertThat(failFast.isCancelled()).isFalse();
    assertThat(failFast.reason()).isNull();
    assertThat(failFast.cancel(CancelReason.DEADLINE)).isTrue();
    assertThat(failFast.cancel(CancelReason.INTERRUPTED)).isFalse();
    failFast.failed(new IOException("late"));
    assertThat(failFast.reason()).isEqualTo(CancelReason.DEADLINE);
    assertThat(onCancel.get()).isEqualTo(1);
  }

  @Test
  void failFastThrowsTheFirstFailureWithTheOthersSuppressed() {
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");
    failFast.failed(first);
    failFast.failed(second);
    assertThat(failFast.reason()).isEqualTo(CancelReason.FAILURE);
    assertThat(onCancel.get()).isEqualTo(1);
    Exception thrown =
        assertThrows(Exception.class, () -> failFast.throwIfStopped(null, THREE_DONE, null));
    assertThat(thrown).isSameInstanceAs(first);
    assertThat(thrown.getSuppressed()).asList().containsExactly(second);
  }

  @Test
  void aFatalFailureIsThrownBeforeTheFirstFailureWhichIsAttached() {
    IOException first = new IOException("first");
    AssertionError error = new AssertionError("error");
    RuntimeException input = new RuntimeException("input");
    failFast.failed(first);
    failFast.failed(error);
    failFast.fatal(input);
    assertThat(failFast.hasFatal()).isTrue();
    Throwable t = failFast.toThrow(null, THREE_DONE, null);
    assertThat(t).isSameInstanceAs(error);
    assertThat(t.getSuppressed()).asList().containsExactly(first, input).inOrder();
    AssertionError rethrown =
        assertThrows(AssertionError.class, () -> failFast.throwIfStopped(null, THREE_DONE, null));
    assertThat(rethrown).isSameInstanceAs(error);
  }

  @Test
  void collectAllLeavesFailuresToTheOutcomesButNotErrors() throws Exception {
    collectAll.failed(new IOException("an outcome"));
    assertThat(collectAll.isCancelled()).isFalse();
    collectAll.throwIfStopped(null, THREE_DONE, null); // returns: nothing stopped the run
    StackOverflowError error = new StackOverflowError();
    collectAll.failed(error);
    assertThat(collectAll.reason()).isEqualTo(CancelReason.FAILURE);
    assertThat(collectAll.hasFatal()).isTrue();
    Throwable t = collectAll.toThrow(null, THREE_DONE, null);
    assertThat(t).isSameInstanceAs(error);
    assertThat(t.getSuppressed()).isEmpty();
    assertThat(onCancel.get()).isEqualTo(1);
  }

  @Test
  void aCancellationIsThrownForItsReasonWithTheFailuresSeenBeforeAttached() {
    IOException before = new IOException("before");
    collectAll.cancel(CancelReason.DEADLINE);
    failFast.cancel(CancelReason.DEADLINE);
    failFast.failed(before); // reported after the deadline: attached, not thrown
    Throwable deadline = failFast.toThrow(Duration.ofMillis(20), THREE_DONE, null);
    assertThat(deadline).isInstanceOf(DeadlineExceededException.class);
    assertThat(deadline)
        .hasMessageThat()
        .isEqualTo("deadline of PT0.02S exceeded after 3 items done");
    assertThat(deadline.getSuppressed()).asList().containsExactly(before);
    assertThat(collectAll.toThrow(Duration.ofMillis(20), THREE_DONE, null).getSuppressed())
        .isEmpty();

    Failures interrupted = new Failures(true, () -> {});
    interrupted.cancel(CancelReason.INTERRUPTED);
    assertThat(interrupted.toThrow(null, THREE_DONE, null))
        .hasMessageThat()
        .contains("interrupted; its flag is restored");
    Failures closed = new Failures(true, () -> {});
    closed.cancel(CancelReason.CLOSED);
    assertThat(closed.toThrow(null, THREE_DONE, null))
        .hasMessageThat()
        .isEqualTo("the stream was closed");
  }

  @Test
  void abandonedCallsAreNamedAndStopTheRunEvenIfNothingCancelledIt() {
    Exception e =
        assertThrows(
            CancellationException.class,
            () -> failFast.throwIfStopped(null, THREE_DONE, "2 task(s) were abandoned"));
    assertThat(e.getSuppressed()).hasLength(1);
    assertThat(e.getSuppressed()[0]).isInstanceOf(IllegalStateException.class);
    assertThat(e.getSuppressed()[0]).hasMessageThat().isEqualTo("2 task(s) were abandoned");
  }

  @Test
  void anExceptionIsNeverSuppressedIntoItself() {
    RuntimeException twice = new RuntimeException("twice");
    failFast.fatal(twice);
    failFast.fatal(twice);
    failFast.failed(twice);
    assertThat(failFast.toThrow(null, THREE_DONE, null).getSuppressed()).isEmpty();
  }

  @Test
  void theCallerGetsUncheckedOrCheckedExceptionsAsIs() {
    IOException io = new IOException("io");
    IllegalStateException state = new IllegalStateException("state");
    assertThat(Failures.checked(io)).isSameInstanceAs(io);
    assertThat(Failures.unchecked(state)).isSameInstanceAs(state);
    assertThat(Failures.unchecked(io)).isInstanceOf(CompletionException.class);
    assertThat(Failures.unchecked(io)).hasCauseThat().isSameInstanceAs(io);
    Throwable odd = new Throwable("neither");
    assertThat(Failures.checked(odd)).isInstanceOf(UndeclaredThrowableException.class);
    AssertionError error = new AssertionError();
    assertThat(assertThrows(AssertionError.class, () -> Failures.checked(error)))
        .isSameInstanceAs(error);
    assertThat(assertThrows(AssertionError.class, () -> Failures.unchecked(error)))
        .isSameInstanceAs(error);
  }
}
