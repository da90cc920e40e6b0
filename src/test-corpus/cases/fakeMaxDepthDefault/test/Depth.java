package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Depth {
  private final Client client = new Client();
  synchronized void publish(String g) throws Exception {
    post(g);
  }
  private void post(String g) throws Exception {
    client.send(g);
  }
  void run(List<String> groups) throws Exception {
    // BUG: Diagnostic contains: each task reaches Depth.publish (synchronized on the shared Depth instance, Depth.java:6) which holds the monitor across HttpClient.send (Client.java:9)
    BoundedWindow.of(5).forEach(groups, this::publish);
  }
}
