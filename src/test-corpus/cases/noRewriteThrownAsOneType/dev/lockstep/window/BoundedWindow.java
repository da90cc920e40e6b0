package dev.lockstep.window;
import java.util.List;
// The real window's shape: map and forEach throw E, what the function throws.
public final class BoundedWindow {
  public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }
  public <T, R, E extends Exception> List<R> map(
      Iterable<? extends T> items, ThrowingFunction<? super T, ? extends R, E> fn) throws E {
    throw new UnsupportedOperationException();
  }
  public <T, E extends Exception> void forEach(
      Iterable<? extends T> items, ThrowingConsumer<? super T, E> action) throws E {
    throw new UnsupportedOperationException();
  }
  public interface ThrowingFunction<T, R, E extends Exception> { R apply(T item) throws E; }
  public interface ThrowingConsumer<T, E extends Exception> { void accept(T item) throws E; }
}
