package dev.lockstep.window;

/**
 * What happened to one item of a run: it {@linkplain Success succeeded}, {@linkplain Failure
 * failed}, or was {@linkplain Cancelled cancelled} (never started, or interrupted by the window).
 * Every item pulled from the input gets exactly one outcome.
 *
 * <pre>{@code
 * for (Outcome<Url, Page> o : outcomes.all()) {
 *   switch (o) {
 *     case Outcome.Success<Url, Page> s -> save(s.value());
 *     case Outcome.Failure<Url, Page> f -> log(f.item(), f.error());
 *     case Outcome.Cancelled<Url, Page> c -> retryLater(c.item());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the item type
 * @param <R> the result type
 */
public sealed interface Outcome<T, R> {
  /** The input item this outcome belongs to. */
  T item();

  /** The function returned {@code value} (which may be {@code null}). */
  record Success<T, R>(T item, R value) implements Outcome<T, R> {}

  /** The function threw {@code error}. */
  record Failure<T, R>(T item, Throwable error) implements Outcome<T, R> {}

  /**
   * The window cancelled the item for {@code reason}: it never started, or it was interrupted and
   * then threw.
   */
  record Cancelled<T, R>(T item, CancelReason reason) implements Outcome<T, R> {}
}
