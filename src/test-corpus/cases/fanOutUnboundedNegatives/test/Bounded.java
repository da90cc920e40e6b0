package test;

import dev.lockstep.annotations.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

class Bounded {
  private final Client client = new Client();
  private final Remote remote = new Remote();
  private final ExecutorService fixed = Executors.newFixedThreadPool(5);
  private final ExecutorService cached = Executors.newCachedThreadPool();
  private final Semaphore permits = new Semaphore(5);

  // A fixed pool bounds how many run at once.
  List<Future<String>> fixedPool(List<String> ids) {
    List<Future<String>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(fixed.submit(() -> client.send(id)));
    }
    return futures;
  }

  // A semaphore around the work: five at a time.
  void gated(List<String> ids) throws InterruptedException {
    for (String id : ids) {
      permits.acquire();
      cached.execute(
          () -> {
            try {
              remote.get(id);
            } finally {
              permits.release();
            }
          });
    }
  }

  // A permit per async request, given back when it completes.
  void gatedAsync(List<String> ids) throws InterruptedException {
    for (String id : ids) {
      permits.acquire();
      client.sendAsync(id).whenComplete((body, failure) -> permits.release());
    }
  }

  // A small constant collection.
  void three(String a, String b, String c) {
    for (String id : List.of(a, b, c)) {
      Thread.startVirtualThread(() -> remote.get(id));
    }
  }

  // CPU-only tasks: no round trip to put in flight.
  void cpu(List<String> ids) {
    for (String id : ids) {
      cached.execute(() -> Remote.hash(id));
    }
  }

  // supplyAsync with a fixed executor.
  List<CompletableFuture<String>> supplyOnFixed(List<String> ids) {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(CompletableFuture.supplyAsync(() -> remote.get(id), fixed));
    }
    return futures;
  }

  // An executor handed in: its size is the caller's, not known here.
  void handedIn(List<String> ids, Executor executor) {
    for (String id : ids) {
      executor.execute(() -> remote.get(id));
    }
  }

  // Workers started a fixed number of times, not per item.
  void workers(int n, Runnable worker) {
    for (int i = 0; i < n; i++) {
      new Thread(worker).start();
    }
  }

  // Each request awaited before the next: serial, not unbounded (and nothing here is over items).
  String one(String id) {
    return client.sendAsync(id).join();
  }

  // Declared intended.
  @Sequential(reason = "the service scales out; every item at once is the point")
  void declared(List<String> ids) {
    for (String id : ids) {
      Thread.startVirtualThread(() -> remote.get(id));
    }
  }

  // Suppressed.
  @SuppressWarnings("UnboundedFanOut")
  void suppressed(List<String> ids) {
    for (String id : ids) {
      Thread.startVirtualThread(() -> remote.get(id));
    }
  }
}
