package test;
import java.util.List;
class Why {
  Client client = new Client();
  void exceptionNotDeclared(List<String> ids) {
    // BUG: Diagnostic contains: No automatic rewrite: BoundedWindow.forEach throws InterruptedException, which the enclosing method neither declares nor catches
    for (String id : ids) {
      client.sendAsync(id).join();
    }
  }
  void skips(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: the body leaves the loop early
    for (String id : ids) {
      if (id.isEmpty()) {
        continue;
      }
      client.send(id);
    }
  }
}


