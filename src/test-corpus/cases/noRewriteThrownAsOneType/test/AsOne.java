package test;
import java.io.IOException;
import java.util.List;
class AsOne {
  Client client = new Client();
  void declaresEachNotTheirUnion(List<String> ids) throws IOException, InterruptedException {
    // BUG: Diagnostic contains: No automatic rewrite: BoundedWindow.forEach would throw Exception (what the body throws, as one type), which the enclosing method neither declares nor catches
    for (String id : ids) {
      client.send(id);
    }
  }
  void declaresException(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
    for (String id : ids) {
      client.send(id);
    }
  }
  void caughtAroundTheLoop(List<String> ids) {
    try {
      // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
      for (String id : ids) {
        client.send(id);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
  void oneExceptionType(List<String> ids) throws InterruptedException {
    // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
    for (String id : ids) {
      if (id.isEmpty()) {
        throw new InterruptedException("no id");
      }
      client.sendAsync(id).join();
    }
  }
  void nothingChecked(List<String> ids) {
    // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
    for (String id : ids) {
      client.sendAsync(id).join();
    }
  }
}
