package test;
import java.util.List;
class Cores {
  private final RelaySession session = new RelaySession();
  void run(List<String> groups) {
    // BUG: Diagnostic contains: 16 workers (≈ cores, cores = 16), effective parallelism 1
    groups.parallelStream().forEach(g -> {
      try { session.publish(g, "m"); } catch (Exception e) { }
    });
  }
}
