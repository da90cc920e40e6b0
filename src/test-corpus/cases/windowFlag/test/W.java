package test;
import java.util.List;
class W {
  void run(List<String> ids, Client client) throws Exception {
    // BUG: Diagnostic contains: BoundedWindow.of(10) cuts that to ≈ ⌈N/10⌉
    for (String id : ids) {
      client.send(id);
    }
  }
}


