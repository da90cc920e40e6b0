package test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class Paths {
  Client client = new Client();
  final List<String> buffer = new ArrayList<>();

  // A wait only in a catch block is not a per-item cost (jedis' Connection.sendCommand).
  void send(String command) {
    try {
      buffer.add(command);
    } catch (RuntimeException e) {
      try {
        client.send("error-line");
      } catch (Exception ignored) {
        // nothing more to learn
      }
      throw e;
    }
  }

  void sendAll(List<String> commands) {
    for (String command : commands) {
      send(command);
    }
  }

  // The first node that answers wins: an early exit (jedis' JedisClusterInfoCache).
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

  Map<String, String> collect(List<String> ids) throws Exception {
    Map<String, String> bodies = new HashMap<>();
    // BUG: Diagnostic contains: loop over 'ids'
    for (String id : ids) {
      bodies.put(id, client.send(id));
    }
    return bodies;
  }
}
