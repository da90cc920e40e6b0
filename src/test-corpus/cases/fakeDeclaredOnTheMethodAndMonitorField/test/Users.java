package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Users {
  private final Legacy legacy = new Legacy();
  private final Object mutex = new Object();
  private final Client client = new Client();
  void declaredMethod(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Legacy.call (declared @SerializedResource, Users.java:10) which waits on HttpClient.send (Client.java:9). Chain: declaredMethod (Users.java:10) -> legacy.call (Users.java:10). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of legacies, declared
    BoundedWindow.of(5).forEach(ids, legacy::call);
  }
  void monitorField(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Users.monitorField (synchronized on the shared 'mutex', Users.java:15) which holds the monitor across HttpClient.send (Client.java:9). Chain: monitorField (Users.java:14). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of mutexes, declared
    BoundedWindow.of(5).forEach(ids, id -> {
      synchronized (mutex) {
        client.send(id);
      }
    });
  }
}
