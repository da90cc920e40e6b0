package dev.lockstep.window;

/**
 * A function that may throw a checked exception of type {@code E}. The window rethrows what the
 * function throws, so {@code BoundedWindow.of(k).map(items, item -> fetch(item))} throws exactly
 * what {@code fetch} declares (nothing, when {@code fetch} throws only unchecked exceptions).
 *
 * @param <T> the item type
 * @param <R> the result type
 * @param <E> the checked exception the function may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ThrowingFunction<T, R, E extends Exception> {
  /** Computes the result for {@code item}. */
  R apply(T item) throws E;
}
