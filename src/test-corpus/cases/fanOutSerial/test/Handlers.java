package test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

class Handlers {
  private final Services.Index index = new Services.Index();
  private final Services.Audit audit = new Services.Audit();
  private final Services.Billing billing = new Services.Billing();
  private final Services.Users users = new Services.Users();
  private final Services.Orders orders = new Services.Orders();
  private final Services.Auth auth = new Services.Auth();
  private final HttpClient first = HttpClient.newHttpClient();
  private final HttpClient second = HttpClient.newHttpClient();
  private final Client client = new Client();
  private final Client other = new Client();

  // The ingest story: three sends one after the other, none needs another's answer.
  void handle(String event) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 3 independent round trips in a row (index at Handlers.java:24 -> audit at Handlers.java:25 -> bill at Handlers.java:26): ≈ 3 × RTT; started together they cost ≈ 1 × RTT
    index.index(event);
    audit.audit(event);
    billing.bill(event);
  }

  // Results used only after both: they could be awaited together.
  String profile(String id) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (fetch at Handlers.java:32 -> fetch at Handlers.java:33)
    String user = users.fetch(id);
    String order = orders.fetch(id);
    return user + order;
  }

  // One iteration of a loop that is not over items.
  void poll(int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row
      users.fetch("u" + i);
      orders.fetch("o" + i);
    }
  }

  // A try body is straight-line code; its catch block is not read.
  void guarded(String event) {
    try {
      // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row
      audit.audit(event);
      billing.bill(event);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // A branch's block is straight-line code too.
  void maybe(boolean enabled, String event) throws Exception {
    if (enabled) {
      // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row
      index.index(event);
      audit.audit(event);
    }
  }

  // Library waits on two clients, with requests built from independent inputs.
  void twoClients(String a, String b) throws Exception {
    HttpRequest ra = HttpRequest.newBuilder(URI.create("http://a/" + a)).build();
    HttpRequest rb = HttpRequest.newBuilder(URI.create("http://b/" + b)).build();
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (HttpClient.send at Handlers.java:71 -> HttpClient.send at Handlers.java:72)
    first.send(ra, HttpResponse.BodyHandlers.ofString());
    second.send(rb, HttpResponse.BodyHandlers.ofString());
  }

  // A token first, then two calls that both need it but not each other.
  String withToken() throws Exception {
    String token = auth.token();
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (fetch at Handlers.java:79 -> fetch at Handlers.java:80)
    String user = users.fetch(token);
    String order = orders.fetch(token);
    return user + order;
  }

  // Four in a row.
  void everything(String event) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 4 independent round trips in a row
    index.index(event);
    audit.audit(event);
    billing.bill(event);
    users.fetch(event);
  }

  // Helpers of this class that keep no state.
  void helpers(String id) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (loadUser at Handlers.java:96 -> loadOrder at Handlers.java:97)
    loadUser(id);
    loadOrder(id);
  }

  private String loadUser(String id) throws Exception {
    return users.fetch(id);
  }

  private String loadOrder(String id) throws Exception {
    return orders.fetch(id);
  }

  // Static helpers of one class.
  String lookups(String a, String b) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (lookup at Handlers.java:111 -> lookup at Handlers.java:112)
    String x = Services.Remote.lookup(a);
    String y = Services.Remote.lookup(b);
    return x + y;
  }

  // Each future started and awaited at once: two round trips one after the other.
  String startedAndJoined(String a, String b) {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row
    String x = client.sendAsync(a).join();
    String y = other.sendAsync(b).join();
    return x + y;
  }

  // A constructor is a method body too.
  Handlers(String warmup) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row
    new Services.Users().fetch(warmup);
    new Services.Orders().fetch(warmup);
  }

  // A loop over items is SerialAwaitInLoop's: a window over the items is its fix.
  void perItem(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: [SerialAwaitInLoop] loop over 'ids' waits 2× per item
    for (String id : ids) {
      users.fetch(id);
      orders.fetch(id);
    }
  }

  // A statement that makes no call does not end the run: the waits around it are still a group.
  String withAStatementBetween(String id) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (fetch at Handlers.java:143 -> fetch at Handlers.java:145)
    String user = users.fetch(id);
    int length = id.length();
    String order = orders.fetch(id + length);
    return user + order;
  }

  // A helper that reads through a client field, then an independent call: reading keeps no state
  // (the nearby negative, Gates.nuke, deletes through its client first).
  String listThenFetch(String root) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (listChildren at Handlers.java:153 -> fetch at Handlers.java:154)
    String children = listChildren(root);
    String order = orders.fetch(root);
    return children + order;
  }

  private String listChildren(String root) throws Exception {
    return client.send("children/" + root);
  }

  // Removing from a list of its own (a local) is the helper's business, not state.
  String pruneThenFetch(String id) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (prune at Handlers.java:165 -> fetch at Handlers.java:166)
    String kept = prune(id);
    String user = users.fetch(id);
    return kept + user;
  }

  private String prune(String id) throws Exception {
    List<String> parts = new java.util.ArrayList<>(List.of(client.send("parts/" + id).split(",")));
    parts.remove("");
    return String.join(",", parts);
  }

  // "wait" further into a name is no gate.
  String waitlistThenOrder(String id) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (fetchWaitlist at Handlers.java:179 -> fetch at Handlers.java:180)
    String queue = fetchWaitlist(id);
    String order = orders.fetch(id);
    return queue + order;
  }

  private String fetchWaitlist(String id) throws Exception {
    return other.send("waitlist/" + id);
  }
}
