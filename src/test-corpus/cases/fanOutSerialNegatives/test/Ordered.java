package test;

import dev.lockstep.annotations.Sequential;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

class Ordered {
  private final Remote.Users users = new Remote.Users();
  private final Remote.Orders orders = new Remote.Orders();
  private final Remote.Users primary = new Remote.Users();
  private final Remote.Users secondary = new Remote.Users();
  private final Remote.Store store = new Remote.Store();
  private final Remote.Database db = new Remote.Database();
  private final Remote.Cache cache = new Remote.Cache();
  private final Remote.RemoteSession session = new Remote.RemoteSession();
  private final Remote.Auth auth = new Remote.Auth();
  private final Client client = new Client();
  private String token = "";

  // A call that uses another's result.
  String tokenThenCall(String id) throws Exception {
    String t = users.fetch(id);
    return orders.fetch(t);
  }

  // The result reaches the second call through a local it was made into.
  String derived(String id) throws Exception {
    String user = users.fetch(id);
    String key = user.trim() + "/orders";
    return orders.fetch(key);
  }

  // Two statements on one JDBC connection: ordered on the connection.
  void oneConnection(Connection connection) throws Exception {
    connection.createStatement().executeQuery("select 1");
    connection.createStatement().executeQuery("select 2");
  }

  // Two calls on one session: one conversation, one request at a time.
  String oneSession(String a, String b) throws Exception {
    String x = session.fetch(a);
    String y = session.fetch(b);
    return x + y;
  }

  // Write, then read the same resource.
  String writeThenRead(String key) throws Exception {
    store.put(key, "v");
    return store.get(key);
  }

  // Write through one object, read the same value through another.
  String saveThenRead(String order) throws Exception {
    db.save(order);
    return cache.fetch(order);
  }

  // A fallback tried only when the first failed: a catch block is not straight-line code.
  String fallbackOnFailure(String id) throws Exception {
    try {
      return primary.fetch(id);
    } catch (Exception e) {
      return secondary.fetch(id);
    }
  }

  // A fallback tried only when the first found nothing.
  String fallbackOnResult(String id) throws Exception {
    String found = primary.fetch(id);
    if (found == null) {
      found = secondary.fetch(id);
    }
    return found;
  }

  // Already started together: the joins await futures in flight.
  String startedTogether(String a, String b) {
    CompletableFuture<String> x = client.sendAsync(a);
    CompletableFuture<String> y = client.sendAsync(b);
    return x.join() + y.join();
  }

  // A dependency through a field: the first call's result is kept, the second call reads it.
  String throughAField(String id) throws Exception {
    token = users.fetch(id);
    return fetchWithToken(id);
  }

  private String fetchWithToken(String id) throws Exception {
    return orders.fetch(id + "?token=" + token);
  }

  // A dependency through a collection.
  String throughACollection(String id) throws Exception {
    List<String> ids = new ArrayList<>();
    ids.add(users.fetch(id));
    return users.fetchAll(ids);
  }

  // The first call keeps state in its object (a method that assigns a field): later calls may read it.
  String statefulCallee(String id) throws Exception {
    auth.fetchToken();
    return auth.fetchWithToken(id);
  }

  // A pause between them orders them on purpose.
  void paced(String a, String b) throws Exception {
    users.fetch(a);
    Thread.sleep(100);
    orders.fetch(b);
  }

  // A wait on only one side of a condition.
  String conditional(boolean fresh, String id) throws Exception {
    String user = fresh ? users.fetch(id) : "";
    String order = orders.fetch(id);
    return user + order;
  }

  // Two waits in one statement: left alone (the statement may need their order).
  String oneStatement(String a, String b) throws Exception {
    return users.fetch(a) + orders.fetch(b);
  }

  // A lambda's body runs elsewhere, later: not this method's straight-line code.
  Runnable later(String a, String b) {
    return () -> {
      try {
        users.fetch(a);
        orders.fetch(b);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  // Under a lock: the lock may be what orders them.
  void locked(String a, String b) throws Exception {
    synchronized (this) {
      users.fetch(a);
      orders.fetch(b);
    }
  }

  // One connection: its stream, then the connection handed to a helper that reads it (JGit's
  // TransportAmazonS3.open).
  Object oneConnectionHanded(java.net.URL url) throws Exception {
    java.net.URLConnection c = url.openConnection();
    java.io.InputStream raw = c.getInputStream();
    java.io.InputStream in = decrypt(c);
    return raw == in ? raw : in;
  }

  private java.io.InputStream decrypt(java.net.URLConnection c) throws Exception {
    return c.getInputStream();
  }

  // Declared intended.
  @Sequential(reason = "the audit log must see the index entry first")
  void sequential(String a) throws Exception {
    users.fetch(a);
    orders.fetch(a);
  }

  // Suppressed.
  @SuppressWarnings("SerialFanOut")
  void suppressed(String a) throws Exception {
    users.fetch(a);
    orders.fetch(a);
  }

  // Nothing waits: CPU work one after the other.
  int cpu(String a, String b) {
    int x = a.hashCode();
    int y = b.hashCode();
    return x + y;
  }

  // The first helper sets state through a method it calls; the second needs it (Kafka's
  // ensureCoordinatorReady(); joinGroupIfNeeded();).
  private String coordinator;

  void ensureReady(String group) throws Exception {
    remember(users.fetch(group));
  }

  private void remember(String found) {
    coordinator = found;
  }

  void joinGroup(String group) throws Exception {
    orders.fetch(coordinator + group);
  }

  void stateThroughACallee(String group) throws Exception {
    ensureReady(group);
    joinGroup(group);
  }
}
