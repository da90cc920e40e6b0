package test;
import java.util.List;
class Exits {
  Client client = new Client();
  String firstMatch(List<String> ids) throws Exception {
    for (String id : ids) {
      String body = client.send(id);
      if (body.contains("x")) {
        return body;
      }
    }
    return null;
  }
  void searchWithBreak(List<String> ids) throws Exception {
    for (String id : ids) {
      if (client.send(id).isEmpty()) {
        break;
      }
    }
  }
  String retryWithBackoff(List<Long> backoffs) throws Exception {
    for (long backoff : backoffs) {
      try {
        return client.send("x");
      } catch (java.io.IOException e) {
        Thread.sleep(backoff);
      }
    }
    throw new IllegalStateException();
  }
  boolean streamAnyMatch(List<String> ids) {
    return ids.stream().anyMatch(id -> client.sendAsync(id).join().isEmpty());
  }
  // Found on jedis' JedisClusterInfoCache: the first node that answers wins.
  void failover(List<String> nodes) {
    for (String node : nodes) {
      try {
        client.send(node);
        return;
      } catch (Exception e) {
        // try the next node
      }
    }
  }
  void stopAtSentinel(List<String> ids) throws Exception {
    for (String id : ids) {
      if (id.isEmpty()) {
        break;
      }
      client.send(id);
    }
  }
}
