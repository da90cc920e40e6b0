package test;
import java.util.List;
class Cores {
  private final ErpGateway erp = new ErpGateway();
  void run(List<String> orders) {
    // BUG: Diagnostic contains: window 16 > declared parallelism 2 of ErpGateway: 14 workers wait at any time
    orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
  }
}
