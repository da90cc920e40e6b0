package test;
import java.util.List;
import java.util.stream.Collectors;
class Collecting {
  private final RelaySession session = new RelaySession();
  String publish(String g) {
    try {
      session.publish(g, "m");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return g;
  }
  List<String> run(List<String> groups) {
    // BUG: Diagnostic contains: 8 workers (≈ cores, cores = 8), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: run (Collecting.java:16) -> publish (Collecting.java:16) -> session.publish (Collecting.java:8)
    return groups.parallelStream().map(this::publish).collect(Collectors.toList());
  }
}
