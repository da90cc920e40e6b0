package test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Callable lists that do not serialize, or are no pipeline over items: nothing to report. */
class QuietBatches {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  String fetch(String id) throws Exception {
    return client.send(id);
  }

  String loadOwn(String id) throws Exception {
    Object own = new Object();
    synchronized (own) {
      return client.send(id);
    }
  }

  String loadShared(String id) throws Exception {
    synchronized (LOCK) {
      return client.send(id);
    }
  }

  String cpuUnderLock(String id) throws Exception {
    String key;
    synchronized (LOCK) {
      key = id.trim();
    }
    return client.send(key);
  }

  // Each task locks its own object.
  void ownLocks(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> loadOwn(id));
    }
    pool.invokeAll(tasks);
  }

  // Each task locks its item (a synchronized method of the shard it was made for).
  void perItemLocks(List<Shard> shards) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (Shard shard : shards) {
      tasks.add(() -> shard.refresh());
    }
    pool.invokeAll(tasks);
  }

  // The same, made by a stream step.
  void perItemLocksMapped(List<Shard> shards) throws Exception {
    List<Callable<String>> tasks =
        shards.stream().map(s -> (Callable<String>) () -> s.refresh()).toList();
    pool.invokeAll(tasks);
  }

  // The lock is held by the caller around invokeAll, not by the tasks.
  void lockOutsideTheTasks(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> fetch(id));
    }
    synchronized (LOCK) {
      pool.invokeAll(tasks);
    }
  }

  // An executor of unknown size and no shared lock: real concurrency.
  void unknownExecutorNoLock(ExecutorService handed, List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> fetch(id));
    }
    handed.invokeAll(tasks);
  }

  // The lock only guards CPU work; the round trip is outside it.
  void shortCriticalSection(List<String> ids) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(() -> cpuUnderLock(id));
    }
    pool.invokeAll(tasks);
  }

  // Two different jobs, not one per item: no pipeline over items (ADR 0018).
  void twoJobs() throws Exception {
    pool.invokeAll(List.<Callable<String>>of(() -> loadShared("a"), () -> loadShared("b")));
  }
}
