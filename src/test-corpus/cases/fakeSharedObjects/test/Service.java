package test;
import dev.lockstep.annotations.SerializedResource;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Service {
  private final Client client = new Client();
  @SerializedResource(reason = "the legacy gateway takes one call at a time")
  private final Client legacy = new Client();
  void viaThis(String id) throws Exception {
    synchronized (this) {
      client.send(id);
    }
  }
  void thisOfSharedService(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Service.viaThis (synchronized on the shared Service instance, Service.java:10) which holds the monitor across HttpClient.send (Client.java:9). Chain: thisOfSharedService (Service.java:16) -> viaThis (Service.java:16)
    BoundedWindow.of(5).forEach(ids, this::viaThis);
  }
  void capturedLocal(List<String> ids) throws Exception {
    Object lock = new Object();
    // BUG: Diagnostic contains: each task reaches Service.capturedLocal (synchronized on the shared 'lock', Service.java:22)
    BoundedWindow.of(5).forEach(ids, id -> {
      synchronized (lock) {
        client.send(id);
      }
    });
  }
  void singleton(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Registry.lookup (synchronized on the shared Registry instance, Registry.java:6) which holds the monitor across HttpClient.send (Client.java:9). Chain: singleton (Service.java:29) -> lookup (Service.java:29)
    BoundedWindow.of(5).forEach(ids, id -> Registry.getInstance().lookup(id));
  }
  void declaredField(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches 'legacy' (declared @SerializedResource, Service.java:33) which waits on HttpClient.send (Client.java:9). Chain: declaredField (Service.java:33) -> legacy.send (Service.java:33)
    BoundedWindow.of(5).forEach(ids, id -> legacy.send(id));
  }
}
