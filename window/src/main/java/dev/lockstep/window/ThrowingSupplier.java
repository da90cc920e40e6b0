package dev.lockstep.window;

/**
 * One call of a fan-out that may throw a checked exception of type {@code E}; see {@link
 * BoundedWindow#all}.
 *
 * @param <R> the result type
 * @param <E> the checked exception the call may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ThrowingSupplier<R, E extends Exception> {
  /** Makes the call. */
  R get() throws E;
}
