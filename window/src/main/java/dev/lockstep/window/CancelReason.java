package dev.lockstep.window;

/** Why a run stopped before every item finished; carried by {@link Outcome.Cancelled}. */
public enum CancelReason {
  /** Another item failed and the run fails fast, or the input threw, or a task threw an Error. */
  FAILURE,
  /** The run's {@linkplain BoundedWindow#timeout timeout} passed. */
  DEADLINE,
  /** The calling thread was interrupted. */
  INTERRUPTED,
  /** The consumer closed the {@linkplain BoundedWindow#stream stream} before its end. */
  CLOSED,
}
