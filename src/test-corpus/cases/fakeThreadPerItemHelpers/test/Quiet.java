package test;

import java.util.List;

/** Threads per item that do not serialize, or are not per item: nothing to report. */
class Quiet {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private Thread worker;
  private boolean started;

  String fetch(String id) {
    try {
      return client.send(id);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String loadOwn(String id) {
    Object own = new Object();
    synchronized (own) {
      return fetch(id);
    }
  }

  String cpuUnderLock(String id) {
    String key;
    synchronized (LOCK) {
      key = id.trim();
    }
    return fetch(key);
  }

  String loadShared(String id) {
    synchronized (LOCK) {
      return fetch(id);
    }
  }

  // Each task locks its own object.
  void ownLocks(List<String> ids) {
    for (String id : ids) {
      startOwn(id);
    }
  }

  private void startOwn(String id) {
    new Thread(() -> loadOwn(id)).start();
  }

  // Each task locks its item: one lock per item.
  void perItemLocks(List<StringBuilder> items) {
    for (StringBuilder item : items) {
      startPerItem(item);
    }
  }

  private void startPerItem(StringBuilder item) {
    new Thread(
            () -> {
              synchronized (item) {
                fetch(item.toString());
              }
            })
        .start();
  }

  // The lock is taken around the loop, in the starting thread, not in the tasks.
  void lockOutsideTheTasks(List<String> ids) {
    synchronized (LOCK) {
      for (String id : ids) {
        startFetcher(id);
      }
    }
  }

  // No shared lock at all: real concurrency.
  void noLock(List<String> ids) {
    for (String id : ids) {
      startFetcher(id);
    }
  }

  private void startFetcher(String id) {
    new Thread(() -> fetch(id)).start();
  }

  // The lock only guards CPU work; the round trip is outside it.
  void shortCriticalSection(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] (real concurrency, unbounded: not this check's)
      new Thread(() -> cpuUnderLock(id)).start();
    }
  }

  // Joined before the next item: one thread at a time, no pretence of concurrency.
  void joinedEachTime(List<String> ids) throws InterruptedException {
    // BUG: Diagnostic contains: [SerialAwaitInLoop] (each item waits for its thread: serial)
    for (String id : ids) {
      startAndWait(id);
    }
  }

  private void startAndWait(String id) throws InterruptedException {
    Thread t = new Thread(() -> loadShared(id));
    t.start();
    t.join();
  }

  // A loop that makes sure one background worker runs: it starts the first time only.
  void ensureWorker(List<String> ids) {
    for (String id : ids) {
      ensureStarted(id);
      ensureFlagged(id);
    }
  }

  private void ensureStarted(String id) {
    if (worker == null) {
      worker = new Thread(() -> loadShared(id));
      worker.start();
    }
  }

  private void ensureFlagged(String id) {
    if (!started) {
      started = true;
      new Thread(() -> loadShared(id)).start();
    }
  }

  // Outside any loop: one thread.
  void once(String id) {
    new Thread(() -> loadShared(id)).start();
  }
}
