package test;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
/** Futures taken out of the result of one batched call: in flight before the loop. */
class Batched {
  static final class OffsetsResult {
    private final Map<String, CompletableFuture<String>> futures;

    OffsetsResult(Map<String, CompletableFuture<String>> futures) {
      this.futures = futures;
    }

    CompletableFuture<String> partitionResult(String partition) {
      return futures.get(partition);
    }
  }

  private final Client client = new Client();

  OffsetsResult listOffsets(List<String> partitions) {
    Map<String, CompletableFuture<String>> futures = new HashMap<>();
    for (String p : partitions) {
      // BUG: Diagnostic contains: [UnboundedFanOut] (one request per partition, all at once)
      futures.put(p, client.sendAsync(p));
    }
    return new OffsetsResult(futures);
  }

  void batchedThenCollected(List<String> partitions) throws Exception {
    OffsetsResult result = listOffsets(partitions);
    for (String p : partitions) {
      result.partitionResult(p).get();
    }
  }

  void collectedFromAParameter(OffsetsResult result, List<String> partitions) throws Exception {
    for (String p : partitions) {
      result.partitionResult(p).join();
    }
  }

  void onePerItem(List<String> partitions) throws Exception {
    // BUG: Diagnostic contains: waits once per item (CompletableFuture.get at Batched.java:47)
    for (String p : partitions) {
      listOffsets(List.of(p)).partitionResult(p).get();
    }
  }
}
