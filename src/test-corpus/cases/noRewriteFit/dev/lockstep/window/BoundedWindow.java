package dev.lockstep.window;
import java.util.List;
// A window whose functions may throw IOException only: a body that throws more does not fit.
public final class BoundedWindow {
  public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }
  public <T, R> List<R> map(Iterable<? extends T> items, Fn<? super T, ? extends R> fn) {
    throw new UnsupportedOperationException();
  }
  public <T> void forEach(Iterable<? extends T> items, Task<? super T> fn) {
    throw new UnsupportedOperationException();
  }
  public interface Fn<T, R> { R apply(T t) throws java.io.IOException; }
  public interface Task<T> { void run(T t) throws java.io.IOException; }
}
