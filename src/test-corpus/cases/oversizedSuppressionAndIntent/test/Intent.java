package test;
import dev.lockstep.annotations.Sequential;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Intent {
  private final ErpGateway erp = new ErpGateway();
  @SuppressWarnings("OversizedWindow")
  void suppressed(List<String> orders) throws Exception {
    BoundedWindow.of(8).forEach(orders, erp::submit);
  }
  @Sequential(reason = "orders must reach the ERP in sequence")
  void sequential(List<String> orders) throws Exception {
    BoundedWindow.of(8).forEach(orders, erp::submit);
  }
}
