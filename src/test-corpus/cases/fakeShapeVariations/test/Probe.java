package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
class Probe {
  private final Client client = new Client();
  private final RelaySession session = new RelaySession();
  private final Semaphore three = new Semaphore(3);
  private final Object mutex = new Object();
  private ExecutorService twice;
  Probe() {
    twice = Executors.newFixedThreadPool(4);
  }
  void start() {
    twice = Executors.newFixedThreadPool(8);
  }
  String viaOptional(String id) {
    return Optional.ofNullable(id).map(v -> {
      synchronized (mutex) {
        try { return client.send(v); } catch (Exception e) { return ""; }
      }
    }).orElse("");
  }
  void optional(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: [FakeConcurrency] (a lock in the lambda Optional.map runs)
    BoundedWindow.of(5).forEach(ids, this::viaOptional);
  }
  void namedBuilder(List<String> groups) {
    for (String g : groups) {
      // BUG: Diagnostic contains: [FakeConcurrency] (a thread per item from a configured builder)
      Thread.ofVirtual().name("w").start(() -> {
        try { session.publish(g, "m"); } catch (Exception e) { }
      });
    }
  }
  void timedPermits(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: [OversizedWindow] (a timed tryAcquire guard on 3 permits under a window of 10)
    BoundedWindow.of(10).forEach(ids, id -> {
      if (!three.tryAcquire(5, TimeUnit.SECONDS)) {
        return;
      }
      try {
        client.send(id);
      } finally {
        three.release();
      }
    });
  }
  void helperOnThis(String id) throws Exception {
    synchronized (mutex) {
      client.send(id);
    }
  }
  void twiceAssigned(List<String> ids) {
    // Assigned in the constructor and in start(): the pool's size is not known.
    for (String id : ids) {
      twice.submit(() -> { helperOnThis(id); return id; });
    }
  }
  void uninterruptibleGate(List<String> ids) {
    // Gated to 3 permits, and nothing the tasks reach serializes them.
    ExecutorService pool = Executors.newCachedThreadPool();
    for (String id : ids) {
      three.acquireUninterruptibly();
      pool.execute(() -> {
        try { client.send(id); } catch (Exception e) { } finally { three.release(); }
      });
    }
  }
}
