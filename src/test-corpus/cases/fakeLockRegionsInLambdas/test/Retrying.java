package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
class Retrying {
  private final Client client = new Client();
  private final ExecutorService background = Executors.newCachedThreadPool();
  static <T> T retry(Callable<T> call) throws Exception {
    return call.call();
  }
  String send(String id) throws Exception {
    return retry(() -> {
      synchronized (this) {
        return client.send(id);
      }
    });
  }
  void later(String id) {
    background.execute(() -> {
      synchronized (this) {
        try { client.send(id); } catch (Exception e) { }
      }
    });
  }
  void run(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Retrying.send (synchronized on the shared Retrying instance, Retrying.java:15) which holds the monitor across HttpClient.send (Client.java:9). Chain: run (Retrying.java:29) -> send (Retrying.java:29)
    BoundedWindow.of(5).forEach(ids, this::send);
  }
  void deferred(List<String> ids) throws Exception {
    // The lock is taken by the background task, not by the window's.
    BoundedWindow.of(5).forEach(ids, this::later);
  }
}
