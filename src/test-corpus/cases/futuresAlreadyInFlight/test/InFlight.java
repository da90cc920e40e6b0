package test;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;
class InFlight {
  ExecutorService pool = Executors.newFixedThreadPool(4);
  Client client = new Client();
  List<String> collect(List<Future<String>> futures) throws Exception {
    List<String> out = new ArrayList<>();
    for (Future<String> f : futures) {
      out.add(f.get());
    }
    for (int i = 0; i < futures.size(); i++) {
      out.add(futures.get(i).get());
    }
    return out;
  }
  void allOfThenJoin(List<String> ids) {
    List<CompletableFuture<String>> fs = new ArrayList<>();
    for (String id : ids) {
      // BUG: Diagnostic contains: [UnboundedFanOut] Client.sendAsync starts a round trip per item of 'ids' with nothing bounding how many run at once
      fs.add(client.sendAsync(id));
    }
    CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0])).join();
    for (CompletableFuture<String> f : fs) {
      f.join();
    }
  }
  void threads(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }
}


