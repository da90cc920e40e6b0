package test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Executors the code gets from elsewhere (a parameter, a field its constructor is handed, a factory
 * outside the sources): more than one worker, how many not known. Tasks that all queue on one lock
 * held across a round trip run one at a time whatever the size.
 */
class Handed {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private final ExecutorService injected;
  private final Executor executor;

  Handed(ExecutorService injected, Executor executor) {
    this.injected = injected;
    this.executor = executor;
  }

  void send(String id) {
    synchronized (LOCK) {
      try {
        client.send(id);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  void sendOwn(String id) {
    Object own = new Object();
    synchronized (own) {
      try {
        client.send(id);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  void parameter(ExecutorService pool, List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: 'pool' (an executor of unknown size) workers, effective parallelism 1: each task reaches Handed.send (synchronized on the static 'LOCK'
      pool.submit(() -> send(id));
    }
  }

  void injectedField(List<String> ids) {
    // BUG: Diagnostic contains: 'injected' (an executor of unknown size) workers, effective parallelism 1
    ids.forEach(id -> injected.execute(() -> send(id)));
  }

  void asyncOnAHandedExecutor(List<String> ids) {
    // BUG: Diagnostic contains: 'executor' (an executor of unknown size) workers, effective parallelism 1
    ids.stream().map(id -> CompletableFuture.runAsync(() -> send(id), executor)).toList();
  }

  // Each task locks its own object: no shared lock, nothing to report.
  void ownLocks(ExecutorService pool, List<String> ids) {
    for (String id : ids) {
      pool.submit(() -> sendOwn(id));
    }
  }

  // The lock is taken around the submission, not inside the task.
  void lockOutsideTheTask(ExecutorService pool, List<String> ids) {
    synchronized (LOCK) {
      for (String id : ids) {
        pool.submit(
            () -> {
              try {
                client.send(id);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
      }
    }
  }

  // No lock at all: real concurrency on an executor of unknown size.
  void noLock(ExecutorService pool, List<String> ids) {
    for (String id : ids) {
      pool.submit(() -> client.send(id));
    }
  }

  // Guava's direct executor runs each task on the caller's thread: no pipeline.
  void direct(List<String> ids) {
    Executor inline = com.google.common.util.concurrent.MoreExecutors.directExecutor();
    for (String id : ids) {
      inline.execute(() -> send(id));
    }
  }

  // A local the method sets on two branches, one a single thread: the method chooses, not a caller.
  void chosenHere(ExecutorService a, boolean serial, List<String> ids) {
    ExecutorService pool;
    if (serial) {
      pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    } else {
      pool = a;
    }
    for (String id : ids) {
      pool.submit(() -> send(id));
    }
  }
}
