package test;
import java.util.List;
class NoWindow {
  void run(List<String> ids, Client client) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: dev.lockstep.window.BoundedWindow is not on the classpath (add dev.lockstep:lockstep-window)
    for (String id : ids) {
      client.send(id);
    }
  }
}


