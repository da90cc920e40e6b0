package dev.lockstep.window;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Thrown by a fail-fast run when its {@linkplain BoundedWindow#timeout timeout} passed before every
 * item finished. Items still running were interrupted and awaited; failures seen before the
 * deadline are attached as suppressed exceptions.
 */
public final class DeadlineExceededException extends CancellationException {
  private static final long serialVersionUID = 1L;

  DeadlineExceededException(Duration timeout, long done) {
    super("deadline of " + timeout + " exceeded after " + done + " items done");
  }
}
