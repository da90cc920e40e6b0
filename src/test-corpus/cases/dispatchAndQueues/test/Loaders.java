package test;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
/** The runtime object may already run items in parallel; a window that would queue on one lock. */
class Loaders {
  static class Loader {
    final Client client = new Client();

    void load(String id) throws Exception {
      client.send(id);
    }
  }

  static class ParallelLoader extends Loader {
    private final ExecutorService pool;

    ParallelLoader(int threads) {
      pool = Executors.newFixedThreadPool(threads);
    }

    @Override
    void load(String id) {
      pool.execute(() -> {
        try {
          client.send(id);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private final Loader loader;
  private final Loader serial = new Loader();

  Loaders(int threads) {
    loader = threads > 1 ? new ParallelLoader(threads) : new Loader();
  }

  void eitherLoader(List<String> ids) throws Exception {
    for (String id : ids) {
      loader.load(id);
    }
  }

  void alwaysSerial(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: waits once per item (load at Loaders.java:50 -> send at Loaders.java:11
    for (String id : ids) {
      serial.load(id);
    }
  }

  // One connection, synchronized across the round trip: a window's tasks would queue on it.
  static final class Modem {
    private final Client client = new Client();

    synchronized String dial(String number) throws Exception {
      return client.send(number);
    }
  }

  private final Modem modem = new Modem();

  void dialAll(List<String> numbers) throws Exception {
    // BUG: Diagnostic contains: A bounded window would not help: every item goes through Modem.dial
    for (String number : numbers) {
      modem.dial(number);
    }
  }
}
