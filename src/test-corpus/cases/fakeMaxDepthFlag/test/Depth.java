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
    // The wait is two bodies below the lock (post, then Client.send): out of reach.
    BoundedWindow.of(5).forEach(groups, this::publish);
  }
}
