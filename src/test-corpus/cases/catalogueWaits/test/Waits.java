package test;
import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.*;
class Waits {
  ExecutorService pool = Executors.newFixedThreadPool(4);
  Connection db;
  void submitGet(List<Callable<String>> tasks) throws Exception {
    // BUG: Diagnostic contains: Future.get
    for (Callable<String> task : tasks) {
      pool.submit(task).get(1, TimeUnit.SECONDS);
    }
  }
  void localFuture(List<Callable<String>> tasks) throws Exception {
    // BUG: Diagnostic contains: Future.get
    for (Callable<String> task : tasks) {
      Future<String> f = pool.submit(task);
      f.get();
    }
  }
  void supplyJoin(List<String> ids) {
    // BUG: Diagnostic contains: CompletableFuture.join
    for (String id : ids) {
      CompletableFuture.supplyAsync(() -> id.length(), pool).join();
    }
  }
  void urls(List<URL> urls) throws Exception {
    // BUG: Diagnostic contains: URL.openStream
    for (URL url : urls) {
      try (InputStream in = url.openStream()) {
        in.readAllBytes();
      }
    }
  }
  void statementPerItem(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: DriverManager.getConnection
    for (String id : ids) {
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:x:" + id)) {
        c.createStatement().executeQuery("select 1");
      }
    }
  }
  void latch(List<Runnable> jobs) throws Exception {
    // BUG: Diagnostic contains: CountDownLatch.await
    for (Runnable job : jobs) {
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(() -> { job.run(); done.countDown(); });
      done.await();
    }
  }
  void process(List<String> commands) throws Exception {
    // BUG: Diagnostic contains: Process.waitFor
    for (String command : commands) {
      new ProcessBuilder(command).start().waitFor();
    }
  }
  // A pause reached through a call is a backoff, a throttle or a poll interval: not a round trip.
  void sleepInHelper(List<String> ids) throws Exception {
    for (String id : ids) {
      simulate(id);
    }
  }
  private void simulate(String id) throws InterruptedException {
    Thread.sleep(200);
  }
}
