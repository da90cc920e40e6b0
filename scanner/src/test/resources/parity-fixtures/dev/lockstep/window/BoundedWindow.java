package dev.lockstep.window;
import java.util.List;
public final class BoundedWindow {
  public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }
  public BoundedWindow unordered() { throw new UnsupportedOperationException(); }
  public BoundedWindow executor(java.util.concurrent.Executor e) {
    throw new UnsupportedOperationException();
  }
  public BoundedWindow timeout(java.time.Duration d) {
    throw new UnsupportedOperationException();
  }
  public <T, R> List<R> map(Iterable<? extends T> items, Fn<? super T, ? extends R> fn)
      throws InterruptedException { throw new UnsupportedOperationException(); }
  public <T> void forEach(Iterable<? extends T> items, Task<? super T> fn)
      throws InterruptedException { throw new UnsupportedOperationException(); }
  public interface Fn<T, R> { R apply(T t) throws Exception; }
  public interface Task<T> { void run(T t) throws Exception; }
}
