package dev.lockstep.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class SerialAwaitInLoopTest {
  /** A client whose send is an HttpClient round trip, in its own file. */
  private static final String[] CLIENT = {
    "package test;",
    "import java.net.URI;",
    "import java.net.http.HttpClient;",
    "import java.net.http.HttpRequest;",
    "import java.net.http.HttpResponse;",
    "public class Client {",
    "  private final HttpClient http = HttpClient.newHttpClient();",
    "  public String send(String id) throws java.io.IOException, InterruptedException {",
    "    return http.send(HttpRequest.newBuilder(URI.create(\"http://x/\" + id)).build(),",
    "        HttpResponse.BodyHandlers.ofString()).body();",
    "  }",
    "  public java.util.concurrent.CompletableFuture<String> sendAsync(String id) {",
    "    return http.sendAsync(HttpRequest.newBuilder(URI.create(\"http://x/\" + id)).build(),",
    "        HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);",
    "  }",
    "  public Page page(String cursor) throws java.io.IOException, InterruptedException {",
    "    return new Page(send(cursor), cursor + \"+\");",
    "  }",
    "  public record Page(String body, String next) {}",
    "}"
  };

  /** A signature-only BoundedWindow, as the window module will provide it. */
  private static final String[] WINDOW = {
    "package dev.lockstep.window;",
    "import java.util.List;",
    "public final class BoundedWindow {",
    "  public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }",
    "  public <T, R> List<R> map(Iterable<? extends T> items, Fn<? super T, ? extends R> fn)",
    "      throws InterruptedException { throw new UnsupportedOperationException(); }",
    "  public <T> void forEach(Iterable<? extends T> items, Task<? super T> fn)",
    "      throws InterruptedException { throw new UnsupportedOperationException(); }",
    "  public interface Fn<T, R> { R apply(T t) throws Exception; }",
    "  public interface Task<T> { void run(T t) throws Exception; }",
    "}"
  };

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SerialAwaitInLoop.class, getClass())
          .addSourceLines("test/Client.java", CLIENT);

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SerialAwaitInLoop.class, getClass())
          .addInputLines("test/Client.java", CLIENT)
          .expectUnchanged()
          .addInputLines("dev/lockstep/window/BoundedWindow.java", WINDOW)
          .expectUnchanged();

  // ---------------------------------------------------------------------------------------------
  // What it must flag

  @Test
  void identification() {
    helper
        .addSourceLines(
            "test/Loops.java",
            """
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
            """)
        .doTest();
  }

  @Test
  void chainThroughOtherFiles() {
    helper
        .addSourceLines(
            "test/Relay.java",
            """
            package test;
            class Relay {
              private final Client client = new Client();
              void publish(String group) throws Exception {
                client.send("publish/" + group);
              }
              void sync(String group) throws Exception {
                helper(group);
              }
              private void helper(String group) throws Exception {
                client.send("sync/" + group);
              }
            }
            """)
        .addSourceLines(
            "test/Groups.java",
            """
            package test;
            import java.util.List;
            class Groups {
              Relay relay = new Relay();
              void run(List<String> groups) throws Exception {
                // BUG: Diagnostic contains: loop over 'groups' waits 2× per item (publish at Groups.java:8 -> send at Relay.java:5 -> HttpClient.send at Client.java:9; sync at Groups.java:9 -> helper at Relay.java:8 -> send at Relay.java:11 -> HttpClient.send at Client.java:9): N items cost ≈ 2·N round trips. Independent items can run in a bounded window: BoundedWindow.of(5) cuts that to ≈ 2·⌈N/5⌉.
                for (String group : groups) {
                  relay.publish(group);
                  relay.sync(group);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void recursionDoesNotBlowUp() {
    helper
        .addSourceLines(
            "test/Rec.java",
            """
            package test;
            import java.util.List;
            class Rec {
              Client client = new Client();
              void a(int n) throws Exception { if (n > 0) { b(n - 1); } }
              void b(int n) throws Exception { if (n > 0) { a(n - 1); } else { client.send("x"); } }
              void spin(int n) { if (n > 0) { spin(n - 1); } }
              void run(List<Integer> ns) throws Exception {
                // BUG: Diagnostic contains: a at Rec.java:11 -> b at Rec.java:5 -> send at Rec.java:6
                for (int n : ns) {
                  a(n);
                }
                for (int n : ns) {
                  spin(n);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void catalogueWaits() {
    helper
        .addSourceLines(
            "test/Waits.java",
            """
            package test;
            import java.io.InputStream;
            import java.net.URL;
            import java.sql.Connection;
            import java.util.List;
            import java.util.concurrent.*;
            class Waits {
              ExecutorService pool = Executors.newFixedThreadPool(4);
              Connection db;
              void submitGet(List<Callable<String>> tasks) throws Exception {
                // BUG: Diagnostic contains: Future.get
                for (Callable<String> task : tasks) {
                  pool.submit(task).get(1, TimeUnit.SECONDS);
                }
              }
              void localFuture(List<Callable<String>> tasks) throws Exception {
                // BUG: Diagnostic contains: Future.get
                for (Callable<String> task : tasks) {
                  Future<String> f = pool.submit(task);
                  f.get();
                }
              }
              void supplyJoin(List<String> ids) {
                // BUG: Diagnostic contains: CompletableFuture.join
                for (String id : ids) {
                  CompletableFuture.supplyAsync(() -> id.length(), pool).join();
                }
              }
              void urls(List<URL> urls) throws Exception {
                // BUG: Diagnostic contains: URL.openStream
                for (URL url : urls) {
                  try (InputStream in = url.openStream()) {
                    in.readAllBytes();
                  }
                }
              }
              void statementPerItem(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: DriverManager.getConnection
                for (String id : ids) {
                  try (Connection c = java.sql.DriverManager.getConnection("jdbc:x:" + id)) {
                    c.createStatement().executeQuery("select 1");
                  }
                }
              }
              void latch(List<Runnable> jobs) throws Exception {
                // BUG: Diagnostic contains: CountDownLatch.await
                for (Runnable job : jobs) {
                  CountDownLatch done = new CountDownLatch(1);
                  pool.execute(() -> { job.run(); done.countDown(); });
                  done.await();
                }
              }
              void process(List<String> commands) throws Exception {
                // BUG: Diagnostic contains: Process.waitFor
                for (String command : commands) {
                  new ProcessBuilder(command).start().waitFor();
                }
              }
              void sleepInHelper(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: simulate at Waits.java:62 -> Thread.sleep at Waits.java:66
                for (String id : ids) {
                  simulate(id);
                }
              }
              private void simulate(String id) throws InterruptedException {
                Thread.sleep(200);
              }
            }
            """)
        .doTest();
  }

  @Test
  void intentAnnotationsMarkWaits() {
    helper
        .addSourceLines(
            "org/jetbrains/annotations/Blocking.java",
            "package org.jetbrains.annotations;",
            "public @interface Blocking {}")
        .addSourceLines(
            "test/Marked.java",
            """
            package test;
            import dev.lockstep.annotations.Blocking;
            import dev.lockstep.annotations.NonBlocking;
            import java.util.List;
            class Marked {
              @Blocking(reason = "pricing service") int quote(String sku) { return sku.length(); }
              @org.jetbrains.annotations.Blocking int jb(String sku) { return sku.length(); }
              @NonBlocking String cached(String id) throws Exception { return new Client().send(id); }
              void ours(List<String> skus) {
                // BUG: Diagnostic contains: Marked.quote
                for (String sku : skus) {
                  quote(sku);
                }
              }
              void jetbrains(List<String> skus) {
                // BUG: Diagnostic contains: Marked.jb
                for (String sku : skus) {
                  jb(sku);
                }
              }
              void nonBlocking(List<String> ids) throws Exception {
                for (String id : ids) {
                  cached(id);
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // What it must not flag

  @Test
  void loopCarriedDependencies() {
    helper
        .addSourceLines(
            "test/Carried.java",
            """
            package test;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.sql.Connection;
            import java.sql.PreparedStatement;
            import java.util.List;
            class Carried {
              Client client = new Client();
              void paginationCursor(List<String> regions) throws Exception {
                String cursor = "";
                for (String region : regions) {
                  Client.Page page = client.page(region + cursor);
                  cursor = page.next();
                }
              }
              void paginationWhile() throws Exception {
                String cursor = "";
                while (cursor != null) {
                  cursor = client.page(cursor).next();
                }
              }
              void stateThreadedThroughCalls(List<String> steps) throws Exception {
                String state = "init";
                for (String step : steps) {
                  state = client.send(state + step);
                }
              }
              void oneStream(List<byte[]> chunks, InputStream in, OutputStream out) throws Exception {
                for (byte[] chunk : chunks) {
                  out.write(chunk);
                  out.flush();
                  in.read(chunk);
                }
              }
              void onePreparedStatement(List<Long> ids, Connection connection) throws Exception {
                try (PreparedStatement ps = connection.prepareStatement("select * from t where id = ?")) {
                  for (long id : ids) {
                    ps.setLong(1, id);
                    ps.executeQuery();
                  }
                }
              }
              void oneConnection(List<String> sqls, Connection connection) throws Exception {
                for (String sql : sqls) {
                  connection.createStatement().execute(sql);
                  connection.commit();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void earlyExitOnResult() {
    helper
        .addSourceLines(
            "test/Exits.java",
            """
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
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void waitsOnlyOnTheErrorPathAreNotPerItemCosts() {
    // Found on jedis' Connection: sendCommand buffers, and only its catch block reads the
    // server's error line from the socket.
    helper
        .addSourceLines(
            "test/Buffered.java",
            """
            package test;
            import java.util.ArrayList;
            import java.util.List;
            class Buffered {
              Client client = new Client();
              final List<String> buffer = new ArrayList<>();
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
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void pacingAndIntent() {
    helper
        .addSourceLines(
            "test/Paced.java",
            """
            package test;
            import com.google.common.util.concurrent.RateLimiter;
            import dev.lockstep.annotations.Sequential;
            import dev.lockstep.annotations.SerializedResource;
            import java.util.List;
            class Paced {
              Client client = new Client();
              RateLimiter limiter = RateLimiter.create(5);
              @SerializedResource(reason = "one modem") Client modem = new Client();
              void sleeps(List<String> ids) throws Exception {
                for (String id : ids) {
                  client.send(id);
                  Thread.sleep(100);
                }
              }
              void rateLimited(List<String> ids) throws Exception {
                for (String id : ids) {
                  limiter.acquire();
                  client.send(id);
                }
              }
              @Sequential(reason = "the partner bans parallel calls")
              void intended(List<String> ids) throws Exception {
                for (String id : ids) {
                  client.send(id);
                }
              }
              void serializedField(List<String> ids) throws Exception {
                for (String id : ids) {
                  modem.send(id);
                }
              }
              void serializedType(List<String> ids) throws Exception {
                for (String id : ids) {
                  new Device().command(id);
                }
              }
              @SuppressWarnings("SerialAwaitInLoop")
              void suppressed(List<String> ids) throws Exception {
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            @SerializedResource(reason = "one device")
            class Device {
              void command(String c) throws Exception { new Client().send(c); }
            }
            @Sequential(reason = "a migration tool, run once")
            class Migration {
              void run(List<String> ids) throws Exception {
                for (String id : ids) {
                  new Client().send(id);
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void futuresAlreadyInFlight() {
    helper
        .addSourceLines(
            "test/InFlight.java",
            """
            package test;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.*;
            class InFlight {
              ExecutorService pool = Executors.newFixedThreadPool(4);
              Client client = new Client();
              List<String> collect(List<Future<String>> futures) throws Exception {
                List<String> out = new ArrayList<>();
                for (Future<String> f : futures) {
                  out.add(f.get());
                }
                for (int i = 0; i < futures.size(); i++) {
                  out.add(futures.get(i).get());
                }
                return out;
              }
              void allOfThenJoin(List<String> ids) {
                List<CompletableFuture<String>> fs = new ArrayList<>();
                for (String id : ids) {
                  fs.add(client.sendAsync(id));
                }
                CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0])).join();
                for (CompletableFuture<String> f : fs) {
                  f.join();
                }
              }
              void threads(List<Thread> threads) throws InterruptedException {
                for (Thread t : threads) {
                  t.join();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void nothingWaitsInside() {
    helper
        .addSourceLines(
            "test/NoWait.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.*;
            class NoWait {
              ExecutorService pool = Executors.newFixedThreadPool(4);
              BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              volatile boolean running = true;
              Client client = new Client();
              void async(List<String> ids) {
                for (String id : ids) {
                  client.sendAsync(id);
                  pool.submit(() -> client.send(id));
                  pool.execute(() -> System.out.println(id));
                }
              }
              void worker() throws InterruptedException {
                while (running) {
                  String job = queue.take();
                  System.out.println(job);
                }
              }
              void producer(List<String> jobs) throws InterruptedException {
                for (String job : jobs) {
                  queue.put(job);
                }
              }
              int cpuOnly(List<String> ids) {
                int n = 0;
                for (String id : ids) {
                  n += id.hashCode();
                  System.out.println(id);
                }
                return n;
              }
              void parallelStream(List<String> ids) {
                ids.parallelStream().forEach(id -> client.sendAsync(id).join());
              }
              void tasksForLater(List<String> ids, Registry registry) {
                List<Callable<String>> tasks = new java.util.ArrayList<>();
                java.util.Map<String, Callable<String>> byId = new java.util.HashMap<>();
                for (String id : ids) {
                  tasks.add(() -> client.send(id));
                  byId.put(id, () -> client.send(id));
                  registry.addTask(() -> client.send(id));
                }
              }
              interface Registry { void addTask(Callable<String> task); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void followsHelpersInNestedAndSecondTopLevelClassesOfTheSameFile() {
    // Method bodies are found through an index of each top-level class, built once.
    helper
        .addSourceLines(
            "test/Files.java",
            """
            package test;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.util.List;
            class Files {
              void viaNested(List<HttpRequest> rs) throws Exception {
                // BUG: Diagnostic contains: fetch
                for (HttpRequest r : rs) {
                  Inner.fetch(r);
                }
              }
              void viaSibling(List<HttpRequest> rs) throws Exception {
                // BUG: Diagnostic contains: get
                for (HttpRequest r : rs) {
                  Sibling.get(r);
                }
              }
              static class Inner {
                static void fetch(HttpRequest r) throws Exception {
                  HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding());
                }
              }
            }
            class Sibling {
              static void get(HttpRequest r) throws Exception {
                HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding());
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // Flags

  @Test
  void maxDepthFlag() {
    helper
        .setArgs("-XepOpt:SerialAwaitInLoop:MaxDepth=1")
        .addSourceLines(
            "test/Deep.java",
            """
            package test;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.util.List;
            class Deep {
              HttpClient http = HttpClient.newHttpClient();
              void one(HttpRequest r) throws Exception { http.send(r, HttpResponse.BodyHandlers.discarding()); }
              void two(HttpRequest r) throws Exception { one(r); }
              void shallow(List<HttpRequest> rs) throws Exception {
                // BUG: Diagnostic contains: one at Deep.java:13 -> HttpClient.send
                for (HttpRequest r : rs) {
                  one(r);
                }
              }
              void deep(List<HttpRequest> rs) throws Exception {
                for (HttpRequest r : rs) {
                  two(r);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void windowFlag() {
    helper
        .setArgs("-XepOpt:SerialAwaitInLoop:Window=10")
        .addSourceLines(
            "test/W.java",
            """
            package test;
            import java.util.List;
            class W {
              void run(List<String> ids, Client client) throws Exception {
                // BUG: Diagnostic contains: BoundedWindow.of(10) cuts that to ≈ ⌈N/10⌉
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void catalogueFileFlag(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mywaits.tsv");
    Files.writeString(
        file,
        """
        # our own RPC client
        test.Rpc   call   (java.lang.String)   latency   Rpc.call
        """);
    helper
        .setArgs("-XepOpt:Lockstep:CatalogueFile=" + file)
        .addSourceLines(
            "test/Rpc.java",
            """
            package test;
            import java.util.List;
            interface Rpc {
              String call(String id);
              String local(String id);
            }
            class UsesRpc {
              void run(List<String> ids, Rpc rpc) {
                // BUG: Diagnostic contains: Rpc.call at Rpc.java:11
                for (String id : ids) {
                  rpc.call(id);
                }
                for (String id : ids) {
                  rpc.local(id);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void badCatalogueFileIsAClearError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.tsv");
    Files.writeString(file, "test.Rpc call (java.lang.String) sometimes Rpc.call\n");
    CompilationTestHelper.newInstance(SerialAwaitInLoop.class, getClass())
        .setArgs("-XepOpt:Lockstep:CatalogueFile=" + file)
        .expectResult(com.sun.tools.javac.main.Main.Result.ERROR)
        .addSourceLines(
            "test/Ok.java",
            """
            // BUG: Diagnostic contains: bad.tsv:1: unknown tag 'sometimes'
            package test;
            class Ok {}
            """)
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // The fix

  @Test
  void replacementForEach() {
    refactoring
        .addInputLines(
            "test/Push.java",
            """
            package test;
            import java.util.List;
            class Push {
              Client client = new Client();
              void push(List<String> ids) throws Exception {
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            """)
        .addOutputLines(
            "test/Push.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Push {
              Client client = new Client();
              void push(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  client.send(id);
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementMapKeepsOrder() {
    refactoring
        .addInputLines(
            "test/Fetch.java",
            """
            package test;
            import java.util.ArrayList;
            import java.util.List;
            class Fetch {
              Client client = new Client();
              List<String> fetch(List<String> ids) throws InterruptedException, java.io.IOException {
                List<String> bodies = new ArrayList<>();
                for (String id : ids) {
                  String body = client.send(id);
                  bodies.add(body.trim());
                }
                return bodies;
              }
            }
            """)
        .addOutputLines(
            "test/Fetch.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.ArrayList;
            import java.util.List;
            class Fetch {
              Client client = new Client();
              List<String> fetch(List<String> ids) throws InterruptedException, java.io.IOException {
                List<String> bodies = new ArrayList<>();
                bodies.addAll(BoundedWindow.of(5).map(ids, id -> {
                  String body = client.send(id);
                  return body.trim();
                }));
                return bodies;
              }
            }
            """)
        .doTest();
  }

  @Test
  void noReplacementWhenUnsafe() {
    refactoring
        .addInputLines(
            "test/Unsafe.java",
            """
            package test;
            import java.util.List;
            class Unsafe {
              Client client = new Client();
              void exceptionNotDeclared(List<String> ids) {
                for (String id : ids) {
                  client.sendAsync(id).join();
                }
              }
              int assignsOuter(List<String> ids) throws Exception {
                int last = 0;
                for (String id : ids) {
                  last = client.send(id).length();
                }
                return last;
              }
              void skips(List<String> ids) throws Exception {
                for (String id : ids) {
                  if (id.isEmpty()) {
                    continue;
                  }
                  client.send(id);
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixMessages() {
    helper
        .addSourceLines("dev/lockstep/window/BoundedWindow.java", WINDOW)
        .addSourceLines(
            "test/Why.java",
            """
            package test;
            import java.util.List;
            class Why {
              Client client = new Client();
              void exceptionNotDeclared(List<String> ids) {
                // BUG: Diagnostic contains: No automatic rewrite: BoundedWindow.forEach throws InterruptedException, which the enclosing method neither declares nor catches
                for (String id : ids) {
                  client.sendAsync(id).join();
                }
              }
              void skips(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: No automatic rewrite: the body leaves the loop early
                for (String id : ids) {
                  if (id.isEmpty()) {
                    continue;
                  }
                  client.send(id);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void noFixWhenTheBodyChangesASharedCollection() {
    helper
        .addSourceLines("dev/lockstep/window/BoundedWindow.java", WINDOW)
        .addSourceLines(
            "test/Racy.java",
            """
            package test;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            class Racy {
              Client client = new Client();
              final StringBuilder log = new StringBuilder();
              Map<String, String> byLocal(List<String> ids) throws Exception {
                Map<String, String> bodies = new HashMap<>();
                // BUG: Diagnostic contains: No automatic rewrite: the body changes 'bodies', a Map shared by all iterations that is not thread-safe
                for (String id : ids) {
                  bodies.put(id, client.send(id));
                }
                return bodies;
              }
              void byField(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: the body changes 'log', a StringBuilder shared
                for (String id : ids) {
                  log.append(client.send(id));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementWithAConcurrentCollectionAndAGenericExceptionWindow() {
    // The window's real signature: map/forEach throw E, whatever the function throws.
    BugCheckerRefactoringTestHelper.newInstance(SerialAwaitInLoop.class, getClass())
        .addInputLines("test/Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "dev/lockstep/window/BoundedWindow.java",
            """
            package dev.lockstep.window;
            import java.util.List;
            public final class BoundedWindow {
              public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }
              public <T, E extends Exception> void forEach(
                  Iterable<? extends T> items, ThrowingConsumer<? super T, E> fn) throws E {
                throw new UnsupportedOperationException();
              }
              public interface ThrowingConsumer<T, E extends Exception> { void accept(T t) throws E; }
            }
            """)
        .expectUnchanged()
        .addInputLines(
            "test/Store.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;
            class Store {
              Client client = new Client();
              void store(List<String> ids) throws Exception {
                // Declared as a Map it would count as racy: only the declared type is trusted.
                ConcurrentHashMap<String, String> bodies = new ConcurrentHashMap<>();
                for (String id : ids) {
                  bodies.put(id, client.send(id));
                }
              }
              // The window would throw Exception, the lub of IOException and InterruptedException.
              void narrow(List<String> ids) throws java.io.IOException, InterruptedException {
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            """)
        .addOutputLines(
            "test/Store.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;
            class Store {
              Client client = new Client();
              void store(List<String> ids) throws Exception {
                // Declared as a Map it would count as racy: only the declared type is trusted.
                ConcurrentHashMap<String, String> bodies = new ConcurrentHashMap<>();
                BoundedWindow.of(5).forEach(ids, id -> {
                  bodies.put(id, client.send(id));
                });
              }
              // The window would throw Exception, the lub of IOException and InterruptedException.
              void narrow(List<String> ids) throws java.io.IOException, InterruptedException {
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void withoutWindowOnClasspathAdvisesInText() {
    helper
        .addSourceLines(
            "test/NoWindow.java",
            """
            package test;
            import java.util.List;
            class NoWindow {
              void run(List<String> ids, Client client) throws Exception {
                // BUG: Diagnostic contains: No automatic rewrite: dev.lockstep.window.BoundedWindow is not on the classpath (add dev.lockstep:lockstep-window)
                for (String id : ids) {
                  client.send(id);
                }
              }
            }
            """)
        .doTest();
  }
}
