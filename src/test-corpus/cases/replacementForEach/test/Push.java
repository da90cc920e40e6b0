package test;
import java.util.List;
class Push {
  Client client = new Client();
  void push(List<String> ids) throws Exception {
    for (String id : ids) {
      client.send(id);
    }
  }
}
