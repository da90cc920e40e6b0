package test;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
class Loops {
  Client client = new Client();
  void enhancedFor(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: loop over 'ids' waits once per item (send at Loops.java:10 -> HttpClient.send at Client.java:9)
    for (String id : ids) {
      client.send(id);
    }
  }
  void indexedList(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: loop over 'ids' waits once per item
    for (int i = 0; i < ids.size(); i++) {
      client.send(ids.get(i));
    }
  }
  void indexedArray(String[] ids) throws Exception {
    // BUG: Diagnostic contains: loop over 'ids'
    for (int i = 0; i < ids.length; i++) {
      client.send(ids[i]);
    }
  }
  void iterator(List<String> ids) throws Exception {
    Iterator<String> it = ids.iterator();
    // BUG: Diagnostic contains: loop over 'ids'
    while (it.hasNext()) {
      String id = it.next();
      client.send(id);
    }
  }
  void iterableForEach(List<String> ids) {
    // BUG: Diagnostic contains: loop over 'ids'
    ids.forEach(id -> {
      try {
        client.send(id);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }
  void mapForEach(Map<String, String> byId) {
    // BUG: Diagnostic contains: loop over 'byId'
    byId.forEach((id, v) -> {
      try {
        client.send(id + v);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
  List<String> stream(List<String> ids) {
    // BUG: Diagnostic contains: stream over 'ids' waits once per item
    return ids.stream().map(id -> client.sendAsync(id).join()).toList();
  }
  void reductionsAreNotDependencies(List<String> ids, Map<String, String> out)
      throws Exception {
    int total = 0;
    List<String> seen = new java.util.ArrayList<>();
    // BUG: Diagnostic contains: loop over 'ids'
    for (String id : ids) {
      String body = client.send(id);
      total += body.length();
      seen.add(body);
      out.put(id, body);
    }
  }
  void knownSize() throws Exception {
    // BUG: Diagnostic contains: 3 items cost ≈ 3 round trips
    for (String id : List.of("a", "b", "c")) {
      client.send(id);
    }
  }
}
