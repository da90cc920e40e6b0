package test;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
/** Waits on a path the items do not take, and the chain that names the per-item wait. */
class Guarded {
  private final Client client = new Client();
  private final Map<String, String> cache = new HashMap<>();
  private Client lazy;

  // A boolean parameter selects the path: a constant argument decides it for good.
  String load(String id, boolean local) throws Exception {
    if (!local) {
      return client.send(id);
    }
    return id;
  }

  // The same, as an early exit.
  String fetch(String id, boolean cachedOnly) throws Exception {
    if (cachedOnly) {
      return cache.get(id);
    }
    return client.send(id);
  }

  // Passed on: the caller's argument still decides.
  String relay(String id, boolean local) throws Exception {
    return load(id, local);
  }

  void constantSkipsTheWait(List<String> ids) throws Exception {
    for (String id : ids) {
      load(id, true);
    }
    for (String id : ids) {
      fetch(id, true);
    }
    for (String id : ids) {
      relay(id, true);
    }
  }

  void constantTakesTheWait(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: waits once per item (load at Guarded.java:47 -> send at Guarded.java:14 -> HttpClient.send
    for (String id : ids) {
      load(id, false);
    }
  }

  void variableArgument(List<String> ids, boolean local) throws Exception {
    // BUG: Diagnostic contains: waits up to once per item (load at Guarded.java:54 (if !local) -> send at Guarded.java:14 -> HttpClient.send
    for (String id : ids) {
      load(id, local);
    }
  }

  // Get-or-create: the round trip runs only while the entry is missing.
  String getOrCreate(String key) throws Exception {
    String known = cache.get(key);
    if (known != null) {
      return known;
    }
    String created = client.send(key);
    cache.put(key, created);
    return created;
  }

  // Lazy initialisation: the first call connects, the others do not.
  Client connection() throws Exception {
    if (lazy == null) {
      lazy = new Client();
      lazy.send("hello");
    }
    return lazy;
  }

  String cachedOrFetched(String key) throws Exception {
    if (!cache.containsKey(key)) {
      cache.put(key, client.send(key));
    }
    return cache.get(key);
  }

  void firstTimeOnly(List<String> keys) throws Exception {
    for (String key : keys) {
      getOrCreate(key);
    }
    for (String key : keys) {
      connection();
    }
    for (String key : keys) {
      cachedOrFetched(key);
    }
  }

  // A rare path and the per-item path: the chain names the one every item takes, though it is
  // longer.
  void status(String file) throws Exception {
    client.send(file);
  }

  void process(String file) throws Exception {
    if (file.endsWith(".special")) {
      client.send("special:" + file);
    }
    status(file);
  }

  void unconditionalWaitNamed(List<String> files) throws Exception {
    // BUG: Diagnostic contains: waits once per item (process at Guarded.java:113 -> status at Guarded.java:107 -> send at Guarded.java:100 -> HttpClient.send
    for (String file : files) {
      process(file);
    }
  }

  // A wait only under a condition inside a called method: a path the items may never take.
  void remoteOnly(String file) throws Exception {
    if (file.endsWith(".remote")) {
      client.send(file);
    }
  }

  void rarePathInACallee(List<String> files) throws Exception {
    for (String file : files) {
      remoteOnly(file);
    }
  }

  // The same condition in the loop body is the visible per-item logic: reported, and shown.
  void conditionInTheLoop(List<String> files) throws Exception {
    // BUG: Diagnostic contains: waits up to once per item (send at Guarded.java:135 (if file.endsWith(".remote"))
    for (String file : files) {
      if (file.endsWith(".remote")) {
        client.send(file);
      }
    }
  }

  // A switch case is a condition in the loop body: shown by its label.
  void switchInTheLoop(List<String> kinds) throws Exception {
    // BUG: Diagnostic contains: (if kind is "remote")
    for (String kind : kinds) {
      switch (kind) {
        case "remote" -> client.send(kind);
        default -> {}
      }
    }
  }

  // A precondition that throws does not make what follows conditional.
  void checked(String id) throws Exception {
    if (id == null) {
      throw new IllegalArgumentException("id");
    }
    client.send(id);
  }

  void preconditionInACallee(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: waits once per item (checked at Guarded.java:162 -> send at
    for (String id : ids) {
      checked(id);
    }
  }

  // After an early 'continue', the rest runs on the other side, written as a reader would.
  void skipNulls(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: (if id != null)
    for (String id : ids) {
      if (id == null) {
        continue;
      }
      client.send(id);
    }
  }

  // A "nothing to do" exit on an empty or null parameter is a precondition too.
  java.util.Map<String, String> lookUp(java.util.Map<String, Long> wanted) throws Exception {
    if (wanted == null || wanted.isEmpty()) {
      return java.util.Collections.emptyMap();
    }
    client.send(wanted.toString());
    return java.util.Map.of();
  }

  void nothingToDoInACallee(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: waits once per item (lookUp at Guarded.java:189 -> send at
    for (String id : ids) {
      lookUp(java.util.Collections.singletonMap(id, 1L));
    }
  }

  // An exit on the state of a field is not about the caller's input: the wait stays conditional.
  private final List<String> pending = new java.util.ArrayList<>();

  void flushPending() throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    client.send(pending.toString());
  }

  void flushEach(List<String> ids) throws Exception {
    for (String id : ids) {
      flushPending();
    }
  }
}
