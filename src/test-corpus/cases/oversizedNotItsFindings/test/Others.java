package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
class Others {
  private final ErpGateway erp = new ErpGateway();
  private final RelaySession session = new RelaySession();
  private final ExecutorService sized;
  Others(int threads) {
    sized = Executors.newFixedThreadPool(threads);
  }
  void fakeConcurrencyIsTheOtherCheck(List<String> groups) throws Exception {
    // BUG: Diagnostic contains: [FakeConcurrency] (both checks run in the parity test)
    BoundedWindow.of(8).forEach(groups, g -> session.publish(g, "m"));
  }
  void unknownWindow(List<String> orders) {
    for (String o : orders) {
      sized.submit(() -> erp.submit(o));
    }
  }
  void sizedToTheResource(List<String> orders) throws Exception {
    BoundedWindow.of(2).forEach(orders, erp::submit);
  }
}
