package test;

import dev.lockstep.annotations.Sequential;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

class Dedicated {
  private final Remote remote = new Remote();
  private final ExecutorService io = Executors.newFixedThreadPool(8);

  // CPU work is what the common pool is for.
  List<Integer> cpu(List<String> ids) {
    return ids.parallelStream().map(Remote::hash).toList();
  }

  int cpuLambda(List<String> ids) {
    return ids.parallelStream().mapToInt(id -> id.length() * 31).sum();
  }

  CompletableFuture<Integer> cpuAsync(String id) {
    return CompletableFuture.supplyAsync(() -> Remote.hash(id));
  }

  // An explicit executor.
  CompletableFuture<String> withExecutor(String id) {
    return CompletableFuture.supplyAsync(() -> remote.get(id), io);
  }

  CompletableFuture<Void> runWithExecutor(String id) {
    return CompletableFuture.runAsync(() -> remote.get(id), io);
  }

  CompletableFuture<String> stageWithExecutor(CompletableFuture<String> ids) {
    return ids.thenApplyAsync(id -> remote.get(id), io);
  }

  // A synchronous stage runs where the previous one completed, not on the common pool.
  CompletableFuture<String> stageInPlace(CompletableFuture<String> ids) {
    return ids.thenApply(id -> remote.get(id));
  }

  // .sequential() after .parallel(): the stream runs sequentially (and is one call, not a loop).
  long sequentialWins(List<String> ids) {
    return ids.stream().parallel().sequential().count();
  }

  // A pause is not a round trip.
  CompletableFuture<Void> sleeps() {
    return CompletableFuture.runAsync(
        () -> {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  // A round trip only on some path of the task.
  CompletableFuture<String> sometimes(String id, boolean remoteToo) {
    return CompletableFuture.supplyAsync(() -> remoteToo ? remote.get(id) : id);
  }

  // Declared intended.
  @Sequential(reason = "a batch job: nothing else runs in this JVM")
  List<String> declared(List<String> ids) {
    return ids.parallelStream().map(id -> remote.get(id)).toList();
  }

  // Suppressed.
  @SuppressWarnings("BlockingOnCommonPool")
  List<String> suppressed(List<String> ids) {
    return ids.parallelStream().map(id -> remote.get(id)).toList();
  }
}
