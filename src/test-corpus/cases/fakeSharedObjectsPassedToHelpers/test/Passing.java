package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Passing {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  private final RelaySession session = new RelaySession();
  void lockPassed(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Helpers.locked (synchronized on the shared 'lock', Helpers.java:5) which holds the monitor across HttpClient.send (Client.java:9). Chain: lockPassed (Passing.java:10)
    BoundedWindow.of(5).forEach(ids, id -> Helpers.locked(LOCK, client, id));
  }
  void servicePassed(List<String> groups) throws Exception {
    // BUG: Diagnostic contains: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: servicePassed (Passing.java:14) -> session.publish (Helpers.java:10)
    BoundedWindow.of(5).forEach(groups, g -> Helpers.publishVia(session, g));
  }
  void perTaskLockPassed(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> Helpers.locked(new Object(), client, id));
  }
  void perItemLockPassed(List<Object> locks) throws Exception {
    BoundedWindow.of(5).forEach(locks, l -> Helpers.locked(l, client, "x"));
  }
  void perTaskServicePassed(List<String> groups) throws Exception {
    BoundedWindow.of(5).forEach(groups, g -> Helpers.publishVia(new RelaySession(), g));
  }
}
