package test;
import java.util.List;
import java.util.concurrent.*;
class NoWait {
  ExecutorService pool = Executors.newFixedThreadPool(4);
  BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  volatile boolean running = true;
  Client client = new Client();
  void async(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] (nothing waits in the loop, but every item's round trip is in flight at once)
      client.sendAsync(id);
      pool.submit(() -> client.send(id));
      pool.execute(() -> System.out.println(id));
    }
  }
  void worker() throws InterruptedException {
    while (running) {
      String job = queue.take();
      System.out.println(job);
    }
  }
  void producer(List<String> jobs) throws InterruptedException {
    for (String job : jobs) {
      queue.put(job);
    }
  }
  int cpuOnly(List<String> ids) {
    int n = 0;
    for (String id : ids) {
      n += id.hashCode();
      System.out.println(id);
    }
    return n;
  }
  void parallelStream(List<String> ids) {
    ids.parallelStream().forEach(id -> client.sendAsync(id).join());
  }
  void tasksForLater(List<String> ids, Registry registry) {
    List<Callable<String>> tasks = new java.util.ArrayList<>();
    java.util.Map<String, Callable<String>> byId = new java.util.HashMap<>();
    for (String id : ids) {
      tasks.add(() -> client.send(id));
      byId.put(id, () -> client.send(id));
      registry.addTask(() -> client.send(id));
    }
  }
  interface Registry { void addTask(Callable<String> task); }
}
