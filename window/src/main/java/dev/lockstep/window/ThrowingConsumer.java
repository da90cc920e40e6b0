package dev.lockstep.window;

/**
 * An action on one item that may throw a checked exception of type {@code E}; see {@link
 * BoundedWindow#forEach}.
 *
 * @param <T> the item type
 * @param <E> the checked exception the action may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ThrowingConsumer<T, E extends Exception> {
  /** Acts on {@code item}. */
  void accept(T item) throws E;
}
