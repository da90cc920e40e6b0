package test;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.springframework.stereotype.Service;
/** The lock through a local alias, and a StampedLock's write side. */
@Service
class Ledger {
  private final Client client = new Client();
  private final Lock lock = new ReentrantLock();
  private final StampedLock stamps = new StampedLock();
  public String post(String entry) throws Exception {
    Lock held = this.lock;
    // BUG: Diagnostic contains: Ledger.post locks 'held' of the one @Service instance (Aliases.java:15) and holds it across a round trip (send at Aliases.java:17 -> HttpClient.send at Client.java:9)
    held.lock();
    try {
      return client.send(entry);
    } finally {
      held.unlock();
    }
  }
  public String balance(String account) throws Exception {
    // BUG: Diagnostic contains: Ledger.balance locks 'stamps' of the one @Service instance (Aliases.java:24) and holds it across a round trip (send at Aliases.java:26 -> HttpClient.send at Client.java:9)
    long stamp = stamps.writeLock();
    try {
      return client.send(account);
    } finally {
      stamps.unlockWrite(stamp);
    }
  }
}
