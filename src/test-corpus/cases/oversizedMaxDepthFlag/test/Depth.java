package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Depth {
  private final ErpGateway erp = new ErpGateway();
  void viaHelper(String o) throws Exception { erp.submit(o); }
  void run(List<String> orders) throws Exception {
    // The gateway is one call below the task: out of reach at depth 0.
    BoundedWindow.of(8).forEach(orders, this::viaHelper);
  }
}
