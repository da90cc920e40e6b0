package test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

class Pooled {
  private final Remote remote = new Remote();

  // A parallel stream of round trips.
  List<String> parallelStream(List<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool, and each waits on a round trip (get at Pooled.java:13 -> send at Remote.java:9 -> HttpClient.send at Client.java:9)
    return ids.parallelStream().map(id -> remote.get(id)).toList();
  }

  List<String> parallel(List<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool
    return ids.stream().parallel().map(id -> remote.get(id)).toList();
  }

  void parallelForEach(List<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool
    ids.parallelStream().forEach(id -> remote.get(id));
  }

  List<String> methodReference(List<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool
    return ids.parallelStream().map(remote::get).toList();
  }

  // One async task without an executor.
  CompletableFuture<String> supplyAsync(String id) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] CompletableFuture.supplyAsync runs its tasks on the common ForkJoinPool
    return CompletableFuture.supplyAsync(() -> remote.get(id));
  }

  CompletableFuture<Void> runAsync(String id) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] CompletableFuture.runAsync runs its tasks on the common ForkJoinPool
    return CompletableFuture.runAsync(() -> remote.get(id));
  }

  // One per item, without an executor.
  void perItem(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [BlockingOnCommonPool] CompletableFuture.supplyAsync runs its tasks on the common ForkJoinPool
      CompletableFuture.supplyAsync(() -> remote.get(id));
    }
  }

  // A stage's async step without an executor.
  CompletableFuture<String> thenApplyAsync(CompletableFuture<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] thenApplyAsync runs its tasks on the common ForkJoinPool
    return ids.thenApplyAsync(id -> remote.get(id));
  }

  CompletableFuture<Void> thenAcceptAsync(CompletableFuture<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] thenAcceptAsync runs its tasks on the common ForkJoinPool
    return ids.thenAcceptAsync(id -> remote.get(id));
  }

  CompletableFuture<String> handleAsync(CompletableFuture<String> ids) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] handleAsync runs its tasks on the common ForkJoinPool
    return ids.handleAsync((id, failure) -> remote.get(id));
  }

  // The common pool fed per item.
  void commonPool(List<String> ids) {
    for (String id : ids) {
      // BUG: Diagnostic contains: [BlockingOnCommonPool] ForkJoinPool.commonPool().submit runs its tasks on the common ForkJoinPool
      ForkJoinPool.commonPool().submit(() -> remote.get(id));
    }
  }
}
