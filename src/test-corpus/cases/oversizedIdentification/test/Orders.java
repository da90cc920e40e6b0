package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
class Orders {
  private final ErpGateway erp = new ErpGateway();
  private final Client client = new Client();
  private final Semaphore permits = new Semaphore(3);
  private final ExecutorService pool = Executors.newFixedThreadPool(10);
  private final ExecutorService backend = Executors.newFixedThreadPool(4);
  void declared(List<String> orders) throws Exception {
    // BUG: Diagnostic contains: [OversizedWindow] window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Orders.java:15) which waits on HttpClient.send (Client.java:9). Chain: declared (Orders.java:15) -> erp.submit (Orders.java:15). Fix: size the window to the resource (BoundedWindow.of(2)), or widen the resource and declare its capacity with @ResourceParallelism(n), or keep it and say why with @Sequential(reason=…).
    BoundedWindow.of(8).forEach(orders, erp::submit);
  }
  void limited(String order) {
    try {
      permits.acquire();
      try {
        client.send(order);
      } finally {
        permits.release();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
  void semaphore(List<String> orders) {
    for (String order : orders) {
      // BUG: Diagnostic contains: window 10 > parallelism 3 of semaphore 'permits': 7 workers wait at any time. Each task reaches Orders.limited (acquires the shared 'permits' semaphore of 3 permits, Orders.java:19) which holds a permit across HttpClient.send (Client.java:9). Chain: semaphore (Orders.java:32) -> limited (Orders.java:32). Fix: size the window to the resource (a pool of 3 threads)
      pool.execute(() -> limited(order));
    }
  }
  void executorWaitedOn(List<String> orders) throws Exception {
    // BUG: Diagnostic contains: window 8 > parallelism 4 of executor 'backend': 4 workers wait at any time
    BoundedWindow.of(8).forEach(orders, o -> backend.submit(() -> client.send(o)).get());
  }
  void parallelStream(List<String> orders) {
    // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time
    orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
  }
}
