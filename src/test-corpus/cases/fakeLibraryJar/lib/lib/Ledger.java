package lib;
import dev.lockstep.annotations.Blocking;
public class Ledger {
  @Blocking(reason = "writes to the remote ledger")
  public synchronized void post(String entry) {}
  @Blocking(reason = "reads the remote ledger")
  public String read(String entry) { return entry; }
}
