package test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Asynchronous requests and awaits that do not hold a common-pool thread for a round trip. */
class Unawaited {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService io = Executors.newFixedThreadPool(8);

  // Each task starts a request and returns its future: nothing waits on the common pool.
  List<CompletableFuture<String>> startsOnly(List<String> ids) {
    return ids.parallelStream()
        .map(id -> http.sendAsync(request(id), text()).thenApply(HttpResponse::body))
        .toList();
  }

  // The task waits for CPU work it handed to another pool: an await, not a round trip.
  CompletableFuture<Integer> awaitsAPoolTask(String id) {
    return CompletableFuture.supplyAsync(
        () -> CompletableFuture.supplyAsync(() -> Remote.hash(id), io).join());
  }

  // The reply is awaited on a dedicated executor.
  CompletableFuture<String> dedicated(String id) {
    return CompletableFuture.supplyAsync(
        () -> http.sendAsync(request(id), text()).join().body(), io);
  }

  private static HttpRequest request(String id) {
    return HttpRequest.newBuilder(URI.create("http://x/" + id)).build();
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
