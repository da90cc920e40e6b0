package test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Tasks that start a request asynchronously and then block their thread for its reply. */
class Replies {
  private final HttpClient http = HttpClient.newHttpClient();

  // The request is asynchronous, the task is not: it holds a common-pool thread until the reply.
  List<String> joinsTheReply(List<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool, and each waits on a round trip (CompletableFuture.join at Replies.java:18)
    return ids.parallelStream().map(id -> http.sendAsync(request(id), text()).join().body()).toList();
  }

  // Through a helper that keeps the future in a local and waits with a timeout.
  CompletableFuture<String> helperAwaitsTheReply(String id) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] CompletableFuture.supplyAsync runs its tasks on the common ForkJoinPool, and each waits on a round trip (fetch at Replies.java:24 -> CompletableFuture.get at Replies.java:30)
    return CompletableFuture.supplyAsync(() -> fetch(id));
  }

  private String fetch(String id) {
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request(id), text());
    try {
      return pending.toCompletableFuture().get(5, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(String id) {
    return HttpRequest.newBuilder(URI.create("http://x/" + id)).build();
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
