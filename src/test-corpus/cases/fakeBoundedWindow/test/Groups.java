package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Groups {
  private final RelaySession session = new RelaySession();
  void publishAll(List<String> groups, String message) throws Exception {
    // BUG: Diagnostic contains: [FakeConcurrency] 5 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: publishAll (Groups.java:8) -> session.publish (Groups.java:8). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of sessions, declared with @ResourceParallelism(n)), or keep it and say why with @Sequential(reason=…).
    BoundedWindow.of(5).forEach(groups, group -> session.publish(group, message));
  }
  void configured(List<String> groups) throws Exception {
    BoundedWindow window = BoundedWindow.of(3).unordered();
    // BUG: Diagnostic contains: 3 workers, effective parallelism 1
    window.map(groups, group -> { session.publish(group, "m"); return group; });
  }
}
