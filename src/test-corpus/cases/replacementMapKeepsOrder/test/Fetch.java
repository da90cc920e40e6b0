package test;
import java.util.ArrayList;
import java.util.List;
class Fetch {
  Client client = new Client();
  List<String> fetch(List<String> ids) throws InterruptedException, java.io.IOException {
    List<String> bodies = new ArrayList<>();
    for (String id : ids) {
      String body = client.send(id);
      bodies.add(body.trim());
    }
    return bodies;
  }
}
