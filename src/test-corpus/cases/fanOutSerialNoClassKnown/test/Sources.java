package test;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Interfaces and a base class whose implementations in the sources make a round trip each: a call
 * runs one of them only when the summaries know the receiver's class.
 */
class Sources {
  interface Source {
    String read(String id) throws IOException, InterruptedException;
  }

  static final class Users implements Source {
    private final Client client = new Client();

    @Override
    public String read(String id) throws IOException, InterruptedException {
      return client.send("users/" + id);
    }
  }

  static final class Orders implements Source {
    private final Client client = new Client();

    @Override
    public String read(String id) throws IOException, InterruptedException {
      return client.send("orders/" + id);
    }
  }

  static class Lookup {
    String get(String id) throws IOException, InterruptedException {
      return id;
    }
  }

  static final class RemoteLookup extends Lookup {
    private final Client client = new Client();

    @Override
    String get(String id) throws IOException, InterruptedException {
      return client.send("lookup/" + id);
    }
  }

  static final class Fetch implements Callable<String> {
    private final Client client = new Client();

    @Override
    public String call() throws IOException, InterruptedException {
      return client.send("fetch");
    }
  }

  static final class Session implements Closeable {
    private final Client client = new Client();

    @Override
    public void close() throws IOException {
      try {
        client.send("logout");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
