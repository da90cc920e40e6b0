package test;

import java.io.IOException;

/** Remote services: each method is one round trip through the fixture's Client. */
class Services {
  static class Index {
    private final Client client = new Client();
    void index(String event) throws IOException, InterruptedException {
      client.send("index/" + event);
    }
  }

  static class Audit {
    private final Client client = new Client();
    void audit(String event) throws IOException, InterruptedException {
      client.send("audit/" + event);
    }
  }

  static class Billing {
    private final Client client = new Client();
    void bill(String event) throws IOException, InterruptedException {
      client.send("bill/" + event);
    }
  }

  static class Users {
    private final Client client = new Client();
    String fetch(String id) throws IOException, InterruptedException {
      return client.send("users/" + id);
    }
  }

  static class Orders {
    private final Client client = new Client();
    String fetch(String id) throws IOException, InterruptedException {
      return client.send("orders/" + id);
    }
  }

  static class Auth {
    private final Client client = new Client();
    String token() throws IOException, InterruptedException {
      return client.send("token");
    }
  }

  static final class Remote {
    private static final Client CLIENT = new Client();
    static String lookup(String key) throws IOException, InterruptedException {
      return CLIENT.send("lookup/" + key);
    }
  }
}
