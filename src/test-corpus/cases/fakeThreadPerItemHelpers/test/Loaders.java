package test;

import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads started by hand, one per item, often behind a helper the loop calls: how many run at
 * once is not known (a counter or a wait may cap them), but tasks that all queue on one lock held
 * across a round trip run one at a time whatever the number.
 */
class Loaders {
  private static final Object LOCK = new Object();
  private final Lock registry = new ReentrantLock();
  private final Client client = new Client();
  private Thread worker;

  String load(String id) {
    synchronized (LOCK) {
      try {
        return client.send(id);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  void direct(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] (the same threads, each waiting, nothing bounding them)
      // BUG: Diagnostic contains: a thread per item (new Thread(…).start(); how many at once not known), effective parallelism 1: each task reaches Loaders.load (synchronized on the static 'LOCK', Loaders.java:19) which holds the monitor across HttpClient.send (Client.java:9). Chain: direct (Loaders.java:32) -> load (Loaders.java:32). Fix: remove the threads and loop
      new Thread(() -> load(id)).start();
    }
  }

  void behindAHelper(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: a thread per item (new Thread(…).start() in startLoader (Loaders.java:44); how many at once not known), effective parallelism 1: each task reaches Loaders.load (synchronized on the static 'LOCK', Loaders.java:19) which holds the monitor across HttpClient.send (Client.java:9). Chain: behindAHelper (Loaders.java:39) -> load (Loaders.java:44)
      startLoader(id);
    }
  }

  private void startLoader(String id) {
    new Thread(() -> load(id), "loader-" + id).start();
  }

  void anonymousThread(List<String> ids) {
    // BUG: Diagnostic contains: a thread per item (new Thread(…).start() in startAnonymous (Loaders.java:58); how many at once not known), effective parallelism 1: each task reaches Loaders.load
    ids.forEach(id -> startAnonymous(id));
  }

  private void startAnonymous(final String id) {
    new Thread() {
      @Override
      public void run() {
        load(id);
      }
    }.start();
  }

  void twoCallsDeep(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: a thread per item (Thread.Builder.start in startVirtual (Loaders.java:75); how many at once not known), effective parallelism 1
      spawn(id);
    }
  }

  private void spawn(String id) {
    if (!id.isEmpty()) {
      startVirtual(() -> load(id));
    }
  }

  private static void startVirtual(Runnable task) {
    Thread.ofVirtual().start(task);
  }

  void threadLocal(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: a thread per item (new Thread(…).start() in startLocked (Loaders.java:99); how many at once not known), effective parallelism 1: each task reaches Loaders.startLocked (locks the shared 'registry'
      startLocked(id);
    }
  }

  private void startLocked(String id) {
    Thread t =
        new Thread(
            () -> {
              registry.lock();
              try {
                client.send(id);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                registry.unlock();
              }
            });
    t.setDaemon(true);
    t.start();
  }

  void virtualPerItem(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: a thread per item (Thread.startVirtualThread in startOne (Loaders.java:110); how many at once not known), effective parallelism 1
      Loaders.startOne(this, id);
    }
  }

  private static void startOne(Loaders loaders, String id) {
    Thread.startVirtualThread(() -> loaders.load(id));
  }
}
