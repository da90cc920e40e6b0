package test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tasks collected as {@code Callable}s into a list, one per item, and handed to {@code invokeAll}
 * or {@code invokeAny} later.
 */
class Batches {
  static final Object LOCK = new Object();
  static final Client CLIENT = new Client();
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final ExecutorService injected;

  Batches(ExecutorService injected) {
    this.injected = injected;
  }

  String load(String id) throws Exception {
    synchronized (LOCK) {
      return CLIENT.send(id);
    }
  }

  void touch(String id) {
    try {
      load(id);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void addedInALoop(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> load(id));
    }
    // BUG: Diagnostic contains: 8 workers, effective parallelism 1: each task reaches Batches.load (synchronized on the static 'LOCK', Batches.java:24) which holds the monitor across HttpClient.send (Client.java:9). Chain: addedInALoop (Batches.java:43) -> load (Batches.java:40)
    pool.invokeAll(tasks);
  }

  void unknownExecutor(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    ids.forEach(id -> tasks.add(() -> load(id)));
    // BUG: Diagnostic contains: 'injected' (an executor of unknown size) workers, effective parallelism 1
    injected.invokeAny(tasks);
  }

  void wrappedRunnables(ExecutorService handed, List<String> ids) throws Exception {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(Executors.callable(() -> touch(id)));
    }
    // BUG: Diagnostic contains: 'handed' (an executor of unknown size) workers, effective parallelism 1: each task reaches Batches.load
    handed.invokeAll(tasks);
  }

  void namedCallables(List<String> ids) throws Exception {
    List<Load> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(new Load(id));
    }
    // BUG: Diagnostic contains: 8 workers, effective parallelism 1: each task reaches Load.call (synchronized on the static 'LOCK', Batches.java:89)
    pool.invokeAll(tasks);
  }

  void methodReferences(List<Shard> shards) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (Shard shard : shards) {
      tasks.add(shard::load);
    }
    // BUG: Diagnostic contains: 8 workers, effective parallelism 1: each task reaches Shard.load (synchronized on the static 'Shard.class'
    pool.invokeAll(tasks);
  }

  static final class Load implements Callable<String> {
    private final String id;

    Load(String id) {
      this.id = id;
    }

    @Override
    public String call() throws Exception {
      synchronized (LOCK) {
        return CLIENT.send(id);
      }
    }
  }
}
