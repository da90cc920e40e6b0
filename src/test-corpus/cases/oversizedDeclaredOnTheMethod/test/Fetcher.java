package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Fetcher {
  private final Quota quota = new Quota();
  void run(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: window 16 > declared parallelism 4 of Quota.fetch: 12 workers wait at any time. Each task reaches Quota.fetch (declared @ResourceParallelism(4), Fetcher.java:8) which waits on HttpClient.send (Client.java:9). Chain: run (Fetcher.java:8) -> quota.fetch (Fetcher.java:8)
    BoundedWindow.of(16).forEach(ids, quota::fetch);
  }
}
