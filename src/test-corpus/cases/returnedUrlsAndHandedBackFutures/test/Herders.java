package test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** A future handed to a call: completed before the call returns, or later by another thread. */
class Herders {
  interface Callback<T> {
    void onCompletion(Throwable error, T result);
  }

  static class FutureCallback<T> extends CompletableFuture<T> implements Callback<T> {
    @Override
    public void onCompletion(Throwable error, T result) {
      if (error != null) {
        completeExceptionally(error);
      } else {
        complete(result);
      }
    }
  }

  interface Herder {
    void putConfig(String name, Callback<String> callback);
  }

  /** Does the work in the caller's thread and completes the callback before returning. */
  static class StandaloneHerder implements Herder {
    @Override
    public synchronized void putConfig(String name, Callback<String> callback) {
      if (name.isEmpty()) {
        callback.onCompletion(new IllegalArgumentException("empty"), null);
        return;
      }
      callback.onCompletion(null, name);
    }
  }

  /** Hands the callback to a worker thread: the caller's get() waits for it. */
  static class QueuedHerder implements Herder {
    private final ExecutorService worker;

    QueuedHerder(ExecutorService worker) {
      this.worker = worker;
    }

    @Override
    public void putConfig(String name, Callback<String> callback) {
      worker.submit(() -> callback.onCompletion(null, name));
    }
  }

  void standalone(List<String> names) throws Exception {
    final Herder herder = new StandaloneHerder();
    for (String name : names) {
      FutureCallback<String> cb = new FutureCallback<>();
      herder.putConfig(name, cb);
      cb.get();
    }
  }

  void queued(List<String> names, ExecutorService worker) throws Exception {
    final Herder herder = new QueuedHerder(worker);
    // BUG: Diagnostic contains: waits once per item (CompletableFuture.get at Herders.java:69)
    for (String name : names) {
      FutureCallback<String> cb = new FutureCallback<>();
      herder.putConfig(name, cb);
      cb.get();
    }
  }
}
