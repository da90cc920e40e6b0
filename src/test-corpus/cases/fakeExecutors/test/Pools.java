package test;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
class Pools {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private final ExecutorService fieldPool = Executors.newFixedThreadPool(6);
  private final ExecutorService sized;
  private final ThreadPoolExecutor bounded =
      new ThreadPoolExecutor(2, 12, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  Pools(int threads) {
    this.sized = Executors.newFixedThreadPool(threads);
  }
  void send(String id) {
    synchronized (LOCK) {
      try { client.send(id); } catch (Exception e) { }
    }
  }
  void local(List<String> ids) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (String id : ids) {
      // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches Pools.send (synchronized on the static 'LOCK', Pools.java:20) which holds the monitor across HttpClient.send (Client.java:9). Chain: local (Pools.java:28) -> send (Pools.java:28). Fix: remove the pool and loop (same speed, less overhead), or widen the bottleneck (one lock per resource instead of the static 'LOCK', declared with @ResourceParallelism(n))
      pool.submit(() -> send(id));
    }
  }
  void field(List<String> ids) {
    // BUG: Diagnostic contains: 6 workers, effective parallelism 1
    ids.forEach(id -> fieldPool.execute(() -> send(id)));
  }
  void constructorAssigned(List<String> ids) {
    // BUG: Diagnostic contains: 'threads' (not a constant) workers, effective parallelism 1
    ids.stream().map(id -> sized.submit(() -> { send(id); return id; })).toList();
  }
  void threadPoolExecutorMaximum(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: 12 workers, effective parallelism 1
      bounded.submit(() -> { send(id); return null; });
    }
  }
  void invokeAll(List<String> ids) throws Exception {
    List<Callable<String>> tasks =
        ids.stream().map(id -> (Callable<String>) () -> { send(id); return id; }).toList();
    // BUG: Diagnostic contains: 6 workers, effective parallelism 1
    fieldPool.invokeAll(tasks);
  }
  void invokeAnyAdded(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new java.util.ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> { send(id); return id; });
    }
    // BUG: Diagnostic contains: 6 workers, effective parallelism 1
    fieldPool.invokeAny(tasks);
  }
  void unbounded(List<String> ids) {
    ExecutorService pool = Executors.newCachedThreadPool();
    for (String id : ids) {
      // BUG: Diagnostic contains: unbounded workers, effective parallelism 1
      pool.execute(() -> send(id));
    }
  }
}
