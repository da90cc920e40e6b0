package test;
import dev.lockstep.annotations.ResourceParallelism;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
class Gates {
  private final ErpGateway erp = new ErpGateway();
  private final Client client = new Client();
  private final Semaphore gate = new Semaphore(8);
  private final Semaphore narrow = new Semaphore(2);
  private final ExecutorService pool = Executors.newFixedThreadPool(10);
  @ResourceParallelism(value = 3, reason = "three sockets")
  private final Client sockets = new Client();
  void virtualThreads(List<String> orders) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String o : orders) {
        // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Gates.java:23) which waits on HttpClient.send (Client.java:9). Chain: virtualThreads (Gates.java:20) -> erp.submit (Gates.java:23). Fix: size the window to the resource (new Semaphore(2) for 'gate'), or widen the resource and declare its capacity with @ResourceParallelism(n), or keep it and say why with @Sequential(reason=…).
        threads.submit(() -> {
          gate.acquire();
          try {
            return erp.submit(o);
          } finally {
            gate.release();
          }
        });
      }
    }
  }
  void submitterTakesThePermit(List<String> orders) throws Exception {
    for (String o : orders) {
      gate.acquire();
      // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time
      pool.execute(() -> {
        try {
          erp.submit(o);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          gate.release();
        }
      });
    }
  }
  void gateNoWiderThanTheResource(List<String> orders) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String o : orders) {
        threads.submit(() -> {
          narrow.acquire();
          try {
            return erp.submit(o);
          } finally {
            narrow.release();
          }
        });
      }
    }
  }
  void futures(List<String> orders) {
    for (String o : orders) {
      // BUG: Diagnostic contains: window 10 > declared parallelism 2 of ErpGateway: 8 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Gates.java:68) which waits on HttpClient.send (Client.java:9). Chain: futures (Gates.java:63) -> submitQuietly (Gates.java:63) -> erp.submit (Gates.java:68). Fix: size the window to the resource (run the tasks on a pool of 2 threads)
      CompletableFuture.supplyAsync(() -> submitQuietly(o), pool);
    }
  }
  String submitQuietly(String o) {
    try {
      return erp.submit(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
  void declaredField(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: window 10 > declared parallelism 3 of 'sockets': 7 workers wait at any time. Each task reaches 'sockets' (declared @ResourceParallelism(3), Gates.java:76) which waits on HttpClient.send (Client.java:9). Chain: declaredField (Gates.java:76) -> sockets.send (Gates.java:76). Fix: size the window to the resource (a pool of 3 threads)
      pool.submit(() -> sockets.send(id));
    }
  }
}
