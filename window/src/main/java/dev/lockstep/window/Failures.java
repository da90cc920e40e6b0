package dev.lockstep.window;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How one run stops, and what its caller then gets: the bookkeeping that {@link WindowRun}
 * (blocking calls on lanes) and {@link AsyncRun} (stages) share. The run counts and records each
 * item's outcome itself; this class holds the cancellation and the failures, and enforces the
 * contract of both kinds of run:
 *
 * <ul>
 *   <li><b>Every item gets exactly one outcome</b>: success, failure or cancelled. The run reports
 *       each failure here once ({@link #failed}), and after {@link #cancel} starts no further call,
 *       so an item either ran or is cancelled, never both.
 *   <li><b>Fail fast</b>: the first failure cancels the rest ({@link CancelReason#FAILURE}): the
 *       run's {@code onCancel} stops what is in flight, and once the run has awaited it, {@link
 *       #toThrow} gives the caller the first failure as is, with every other failure attached as
 *       {@linkplain Throwable#getSuppressed() suppressed}.
 *   <li><b>Collect all</b>: a failure is only its item's outcome, and cancels nothing.
 *   <li><b>Fatal</b> failures ({@link #fatal}: an {@link Error} from a call, a failure of the input
 *       or of the executor) cancel the run in either mode, and are thrown before the first failure.
 *   <li>A run is cancelled at most once: the first reason counts, and {@code onCancel} runs once.
 * </ul>
 *
 * <p>Thread-safe: any lane or completing stage may report; the caller picks what to throw once the
 * run ended.
 */
final class Failures {
  private final boolean failFast;
  private final Runnable onCancel;

  /** Null while the run runs; set once, by the first {@link #cancel}. */
  private final AtomicReference<CancelReason> reason = new AtomicReference<>();

  /** An Error from a call or a failure of the input or executor: always thrown. */
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();

  /** The first failure of a fail-fast run. */
  private final AtomicReference<Throwable> first = new AtomicReference<>();

  /** Every other failure, attached to what the caller gets as suppressed. */
  private final ConcurrentLinkedQueue<Throwable> later = new ConcurrentLinkedQueue<>();

  /**
   * @param failFast whether a failure cancels the run (else only fatal ones do)
   * @param onCancel run once, by the first {@link #cancel}: stops what is in flight and wakes the
   *     waiting caller
   */
  Failures(boolean failFast, Runnable onCancel) {
    this.failFast = failFast;
    this.onCancel = onCancel;
  }

  /**
   * Stops the run: returns true and runs {@code onCancel} for the first reason, false after that.
   * Safe from any thread, any number of times.
   */
  boolean cancel(CancelReason why) {
    if (!reason.compareAndSet(null, why)) {
      return false;
    }
    onCancel.run();
    return true;
  }

  /** Why the run was cancelled, or null while it runs. */
  CancelReason reason() {
    return reason.get();
  }

  boolean isCancelled() {
    return reason.get() != null;
  }

  /**
   * A call failed on its own (not because the run cancelled it). An {@link Error} is {@linkplain
   * #fatal fatal}; any other failure, in a fail-fast run, is recorded and cancels the run.
   */
  void failed(Throwable error) {
    if (error instanceof Error) {
      fatal(error);
    } else if (failFast) {
      if (!first.compareAndSet(null, error)) {
        later.add(error);
      }
      cancel(CancelReason.FAILURE);
    }
  }

  /** The run cannot go on (an Error, the input or the executor failed): cancels it in any mode. */
  void fatal(Throwable t) {
    if (!fatal.compareAndSet(null, t)) {
      later.add(t);
    }
    cancel(CancelReason.FAILURE);
  }

  boolean hasFatal() {
    return fatal.get() != null;
  }

  /**
   * Throws what the caller gets if the run was cancelled or gave up on calls ({@code abandoned} not
   * null); returns if it ran to the end.
   */
  void throwIfStopped(Duration timeout, Stats stats, String abandoned) throws Exception {
    if (reason.get() != null || abandoned != null) {
      throw checked(toThrow(timeout, stats, abandoned));
    }
  }

  /**
   * Picks what the caller gets, once the run ended: a fatal failure first, then the first failure
   * of a fail-fast run, then an exception for the reason of the cancellation ({@code timeout} and
   * {@code stats} describe a missed deadline). Every other failure is attached as suppressed, and
   * so is an {@link IllegalStateException} saying {@code abandoned} if that is not null.
   */
  @SuppressWarnings("ReferenceEquality") // identity: never suppress an exception into itself
  Throwable toThrow(Duration timeout, Stats stats, String abandoned) {
    Throwable f = fatal.get();
    Throwable firstFailure = first.get();
    CancelReason why = reason.get();
    Throwable t;
    if (f != null) {
      t = f;
    } else if (firstFailure != null && why == CancelReason.FAILURE) {
      t = firstFailure;
    } else if (why == CancelReason.DEADLINE) {
      t = new DeadlineExceededException(timeout, stats.itemsDone());
    } else if (why == CancelReason.INTERRUPTED) {
      t = new CancellationException("the calling thread was interrupted; its flag is restored");
    } else if (why == CancelReason.CLOSED) {
      t = new CancellationException("the stream was closed");
    } else {
      t = new CancellationException("cancelled: " + why);
    }
    if (firstFailure != null && firstFailure != t) {
      t.addSuppressed(firstFailure);
    }
    for (Throwable other : later) {
      if (other != t) {
        t.addSuppressed(other);
      }
    }
    if (abandoned != null) {
      t.addSuppressed(new IllegalStateException(abandoned));
    }
    return t;
  }

  /** {@code t} for a method that throws {@code Exception}: an Error is thrown here. */
  static Exception checked(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return t instanceof Exception e ? e : new UndeclaredThrowableException(t);
  }

  /**
   * {@code t} for a method that throws no checked exception: an Error is thrown here, a checked
   * exception wrapped in a {@link CompletionException}.
   */
  static RuntimeException unchecked(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return t instanceof RuntimeException e ? e : new CompletionException(t);
  }
}
