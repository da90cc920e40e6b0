package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
class Orders {
  private final ErpGateway erp = new ErpGateway();
  private final ExecutorService shared = Executors.newFixedThreadPool(8);
  void window(List<String> orders) throws Exception {
    BoundedWindow.of(8).unordered().forEach(orders, erp::submit);
  }
  void localPool(List<String> orders) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (String o : orders) {
      pool.submit(() -> erp.submit(o));
    }
  }
  void fieldPool(List<String> orders) {
    // The field's pool may feed other pipelines: the message says it, no fix.
    for (String o : orders) {
      shared.submit(() -> erp.submit(o));
    }
  }
}
