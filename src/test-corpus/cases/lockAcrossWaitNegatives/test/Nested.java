package test;
import java.util.concurrent.locks.StampedLock;
import org.springframework.stereotype.Service;
/** A StampedLock's read side, and a class nested in a bean that is not one itself. */
@Service
class Quotes {
  private final Client client = new Client();
  private final StampedLock stamps = new StampedLock();
  public String read(String symbol) throws Exception {
    long stamp = stamps.readLock();
    try {
      return client.send(symbol);
    } finally {
      stamps.unlockRead(stamp);
    }
  }
  /** Made per subscription: its monitor is not the bean's. */
  static final class Subscription {
    private final Client client = new Client();
    public synchronized String next(String symbol) throws Exception {
      return client.send(symbol);
    }
  }
}
