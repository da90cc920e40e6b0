package test;
import java.util.List;
class Unsafe {
  Client client = new Client();
  void exceptionNotDeclared(List<String> ids) {
    for (String id : ids) {
      client.sendAsync(id).join();
    }
  }
  int assignsOuter(List<String> ids) throws Exception {
    int last = 0;
    for (String id : ids) {
      last = client.send(id).length();
    }
    return last;
  }
  void skips(List<String> ids) throws Exception {
    for (String id : ids) {
      if (id.isEmpty()) {
        continue;
      }
      client.send(id);
    }
  }
}
