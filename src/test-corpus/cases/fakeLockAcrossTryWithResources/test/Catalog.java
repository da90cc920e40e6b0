package test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock whose region spans a try-with-resources statement: the resources are opened, used and
 * closed under the lock, up to the finally that unlocks it.
 */
class Catalog {
  private final ReentrantLock lock = new ReentrantLock();
  private final Client client = new Client();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private Connection connection;

  int count(String table) throws Exception {
    lock.lock();
    try (Statement st = connection.createStatement()) {
      ResultSet rs = st.executeQuery("select count(*) from " + table);
      return rs.next() ? rs.getInt(1) : 0;
    } finally {
      lock.unlock();
    }
  }

  String describe(String table) throws Exception {
    lock.lock();
    try {
      try (StringReader reader = new StringReader(table)) {
        return client.send(table + reader.read());
      }
    } finally {
      lock.unlock();
    }
  }

  String parseThenFetch(String table) throws Exception {
    String key;
    lock.lock();
    try (StringReader reader = new StringReader(table)) {
      key = table + reader.read();
    } finally {
      lock.unlock();
    }
    return client.send(key);
  }

  void counts(List<String> tables) {
    for (String table : tables) {
      // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches Catalog.count (locks the shared 'lock', Catalog.java:23) which holds the lock across Statement.executeQuery (Catalog.java:25)
      pool.submit(() -> count(table));
    }
  }

  void descriptions(List<String> tables) {
    for (String table : tables) {
      // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches Catalog.describe (locks the shared 'lock', Catalog.java:33) which holds the lock across HttpClient.send (Client.java:9)
      pool.submit(() -> describe(table));
    }
  }

  // The round trip is after the unlock: only the parsing is serial.
  void parsedUnderTheLock(List<String> tables) {
    for (String table : tables) {
      pool.submit(() -> parseThenFetch(table));
    }
  }
}
