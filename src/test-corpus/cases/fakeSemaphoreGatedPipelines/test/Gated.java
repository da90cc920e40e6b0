package test;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
class Gated {
  private final RelaySession session = new RelaySession();
  private final Client client = new Client();
  private final Semaphore gate = new Semaphore(8);
  void virtualThreads(List<String> groups) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String g : groups) {
        // BUG: Diagnostic contains: 8 workers (gated by semaphore 'gate'), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10)
        threads.submit(() -> {
          gate.acquire();
          try {
            session.publish(g, "m");
          } finally {
            gate.release();
          }
          return g;
        });
      }
    }
  }
  void gateOnly(List<String> ids) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        threads.submit(() -> {
          gate.acquire();
          try {
            return client.send(id);
          } finally {
            gate.release();
          }
        });
      }
    }
  }
  void threadPerItem(List<String> groups) {
    for (String g : groups) {
      // BUG: Diagnostic contains: 8 workers (gated by semaphore 'gate'), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: threadPerItem (Gated.java:43) -> session.publish (Gated.java:47)
      Thread.ofVirtual().start(() -> {
        try {
          gate.acquire();
          try {
            session.publish(g, "m");
          } finally {
            gate.release();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }
  void ungatedThreads(List<String> groups) {
    for (String g : groups) {
      // BUG: Diagnostic contains: unbounded workers, effective parallelism 1
      Thread.startVirtualThread(() -> {
        try { session.publish(g, "m"); } catch (Exception e) { }
      });
    }
  }
}
