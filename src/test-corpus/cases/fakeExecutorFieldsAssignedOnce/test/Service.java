package test;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
class Service {
  private final RelaySession session = new RelaySession();
  private ExecutorService started;
  private ExecutorService swapped;
  void start() {
    started = Executors.newFixedThreadPool(4);
    swapped = Executors.newFixedThreadPool(4);
  }
  void resize() {
    swapped = Executors.newSingleThreadExecutor();
  }
  void publishAll(List<String> groups) {
    for (String g : groups) {
      // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10)
      started.submit(() -> { session.publish(g, "m"); return g; });
    }
  }
  void publishAllSwapped(List<String> groups) {
    for (String g : groups) {
      // Two assignments: which executor runs the tasks is not known.
      swapped.submit(() -> { session.publish(g, "m"); return g; });
    }
  }
}
