package test;

import java.io.IOException;
import java.util.List;

/** Remote objects whose methods are one round trip each through the fixture's Client. */
class Remote {
  static class Users {
    private final Client client = new Client();
    String fetch(String id) throws IOException, InterruptedException {
      return client.send("users/" + id);
    }
    String fetchAll(List<String> ids) throws IOException, InterruptedException {
      return client.send("users/" + String.join(",", ids));
    }
  }

  static class Orders {
    private final Client client = new Client();
    String fetch(String id) throws IOException, InterruptedException {
      return client.send("orders/" + id);
    }
  }

  /** A key-value store: writes and reads of one resource. */
  static class Store {
    private final Client client = new Client();
    void put(String key, String value) throws IOException, InterruptedException {
      client.send("put/" + key + "=" + value);
    }
    String get(String key) throws IOException, InterruptedException {
      return client.send("get/" + key);
    }
  }

  static class Database {
    private final Client client = new Client();
    void save(String order) throws IOException, InterruptedException {
      client.send("save/" + order);
    }
  }

  static class Cache {
    private final Client client = new Client();
    String fetch(String order) throws IOException, InterruptedException {
      return client.send("cache/" + order);
    }
  }

  /** A session: one conversation with the server, one request at a time. */
  static class RemoteSession {
    private final Client client = new Client();
    String fetch(String id) throws IOException, InterruptedException {
      return client.send("session/" + id);
    }
  }

  /** Keeps the token it fetched: later calls of the same object use it. */
  static class Auth {
    private final Client client = new Client();
    String token = "";
    void fetchToken() throws IOException, InterruptedException {
      token = client.send("token");
    }
    String fetchWithToken(String id) throws IOException, InterruptedException {
      return client.send(id + "?token=" + token);
    }
  }
}
