package test;
import java.util.List;
class Cores {
  private final ErpGateway erp = new ErpGateway();
  void run(List<String> orders) {
    // Two cores: the parallel stream is no wider than the gateway.
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool, and each waits on a round trip
    orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
  }
}
