package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import lib.Gateway;
import lib.Ledger;
import lib.Modem;
class Jobs {
  private final Ledger ledger = new Ledger();
  private final Modem modem = new Modem();
  private final Gateway gateway = new Gateway();
  void postAll(List<String> entries) throws Exception {
    // BUG: Diagnostic contains: [FakeConcurrency] 5 workers, effective parallelism 1: each task reaches Ledger.post (synchronized, on the shared 'ledger', Jobs.java:13) which holds the monitor while it waits
    BoundedWindow.of(5).forEach(entries, e -> ledger.post(e));
  }
  void readAll(List<String> entries) throws Exception {
    BoundedWindow.of(5).forEach(entries, e -> ledger.read(e));
  }
  void dialAll(List<String> numbers) throws Exception {
    // BUG: Diagnostic contains: [FakeConcurrency] 4 workers, effective parallelism 1
    BoundedWindow.of(4).map(numbers, n -> modem.dial(n));
  }
  void submitAll(List<String> orders) throws Exception {
    // BUG: Diagnostic contains: [OversizedWindow] window 8 > declared parallelism 2 of Gateway
    BoundedWindow.of(8).map(orders, o -> gateway.submit(o));
  }
}
