package test;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
class Fit {
  Client client = new Client();
  void bodyThrowsMore(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: the body throws InterruptedException, which BoundedWindow.forEach's function type does not allow
    for (String id : ids) {
      client.send(id);
    }
  }
  List<String> mapBodyThrowsMore(List<String> ids) throws Exception {
    List<String> bodies = new ArrayList<>();
    // BUG: Diagnostic contains: No automatic rewrite: the body throws InterruptedException, which BoundedWindow.map's function type does not allow
    for (String id : ids) {
      bodies.add(client.send(id));
    }
    return bodies;
  }
  void thrownInTheBody(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: the body throws Exception, which BoundedWindow.forEach's function type does not allow
    for (String id : ids) {
      if (id.isEmpty()) {
        throw new Exception("empty id");
      }
      client.sendAsync(id).join();
    }
  }
  void caughtInsideFits(List<String> ids) throws IOException {
    // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
    for (String id : ids) {
      try {
        client.send(id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
  void wideningVariable(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: the loop variable's type differs from the items' element type
    for (CharSequence id : ids) {
      client.sendAsync(id.toString()).join();
    }
  }
  void unboxingVariable(List<Integer> ids) throws Exception {
    // BUG: Diagnostic contains: No automatic rewrite: the loop variable's type differs from the items' element type
    for (int id : ids) {
      client.sendAsync("n" + id).join();
    }
  }
  void sameElementTypeFits(List<? extends String> ids) {
    // BUG: Diagnostic contains: The suggested fix runs the body with BoundedWindow.of(5).forEach
    for (String id : ids) {
      client.sendAsync(id).join();
    }
  }
  void array(String[] ids) {
    // BUG: Diagnostic contains: No automatic rewrite: BoundedWindow.forEach does not take String[]
    for (String id : ids) {
      client.sendAsync(id).join();
    }
  }
}
