package test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class Herd {
  private final Client client = new Client();
  private final Remote remote = new Remote();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService cached = Executors.newCachedThreadPool();

  // An async round trip per item, all in flight at once.
  List<CompletableFuture<String>> sendAll(List<String> ids) {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] Client.sendAsync starts a round trip per item of 'ids' with nothing bounding how many run at once
      futures.add(client.sendAsync(id));
    }
    return futures;
  }

  // HttpClient.sendAsync itself.
  void direct(List<URI> uris) {
    for (URI uri : uris) {
      // BUG: Diagnostic contains: [UnboundedFanOut] HttpClient.sendAsync starts a round trip per item of 'uris'
      http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  // A virtual thread per item.
  void virtualThreads(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] Thread.ofVirtual().start starts a thread per item of 'ids' with nothing bounding how many run at once, and each waits (get at Herd.java:43 -> send at Remote.java:9 -> HttpClient.send at Client.java:9)
      Thread.ofVirtual().start(() -> remote.get(id));
    }
  }

  void startVirtualThread(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] Thread.startVirtualThread starts a thread per item
      Thread.startVirtualThread(() -> remote.get(id));
    }
  }

  // A platform thread per item.
  void platformThreads(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] new Thread(...).start() starts a thread per item of 'ids'
      new Thread(() -> remote.get(id)).start();
    }
  }

  void platformThreadVariable(List<String> ids) {
    for (String id : ids) {
      Thread worker = new Thread(() -> remote.get(id));
      // BUG: Diagnostic contains: [UnboundedFanOut] new Thread(...).start() starts a thread per item of 'ids'
      worker.start();
    }
  }

  // A cached pool: a thread per task.
  List<Future<String>> cachedPool(List<String> ids) {
    List<Future<String>> futures = new ArrayList<>();
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] cached.submit starts a task per item of 'ids' with nothing bounding how many run at once (an executor that starts a thread per task)
      futures.add(cached.submit(() -> client.send(id)));
    }
    return futures;
  }

  // A virtual-thread-per-task executor.
  void virtualExecutor(List<String> ids) {
    try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        // BUG: Diagnostic contains: [UnboundedFanOut] perTask.submit starts a task per item
        perTask.submit(() -> client.send(id));
      }
    }
  }

  // supplyAsync on an unbounded executor.
  List<CompletableFuture<String>> supplyOnCached(List<String> ids) {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] CompletableFuture.supplyAsync starts a task per item of 'ids'
      futures.add(CompletableFuture.supplyAsync(() -> remote.get(id), cached));
    }
    return futures;
  }

  // A stream that maps every item to a request in flight.
  List<CompletableFuture<String>> streamed(List<String> ids) {
    // BUG: Diagnostic contains: [UnboundedFanOut] Client.sendAsync starts a round trip per item of 'ids'
    return ids.stream().map(id -> client.sendAsync(id)).toList();
  }

  // forEach over the items, a task each on the cached pool.
  void forEachItem(List<String> ids) {
    // BUG: Diagnostic contains: [UnboundedFanOut] cached.execute starts a task per item of 'ids'
    ids.forEach(id -> cached.execute(() -> remote.get(id)));
  }

  // An iterator loop.
  void iterated(List<String> ids) {
    Iterator<String> it = ids.iterator();
    while (it.hasNext()) {
      String id = it.next();
      // BUG: Diagnostic contains: [UnboundedFanOut] Thread.startVirtualThread starts a thread per item of 'ids'
      Thread.startVirtualThread(() -> remote.get(id));
    }
  }

  // A task per item on the cached pool that starts a request and blocks for its reply.
  void awaitsEachReply(List<URI> uris) {
    for (URI uri : uris) {
      // BUG: Diagnostic contains: [UnboundedFanOut] cached.submit starts a task per item of 'uris' with nothing bounding how many run at once (an executor that starts a thread per task), and each waits (CompletableFuture.join at Herd.java:126)
      cached.submit(() -> http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).join());
    }
  }
}
