package test;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
class Async {
  private final RelaySession session = new RelaySession();
  private final ExecutorService pool = Executors.newFixedThreadPool(10);
  void publish(String group) {
    try {
      session.publish(group, "m");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
  void withExecutor(List<String> groups) {
    List<CompletableFuture<Void>> all =
        // BUG: Diagnostic contains: 10 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: withExecutor (Async.java:19) -> publish (Async.java:19) -> session.publish (Async.java:11). Fix: remove the async tasks and loop
        groups.stream().map(g -> CompletableFuture.runAsync(() -> publish(g), pool)).toList();
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
  }
  void commonPool(List<String> groups) {
    for (String g : groups) {
      // BUG: Diagnostic contains: 7 workers (common pool: cores − 1, cores = 8), effective parallelism 1
      CompletableFuture.supplyAsync(() -> { publish(g); return g; });
    }
  }
  void parallelStream(List<String> groups) {
    // BUG: Diagnostic contains: 8 workers (≈ cores, cores = 8), effective parallelism 1
    groups.parallelStream().map(g -> { publish(g); return g; }).toList();
  }
  void parallel(List<String> groups) {
    // BUG: Diagnostic contains: Fix: remove the parallel stream and loop
    groups.stream().parallel().forEach(this::publish);
  }
}
