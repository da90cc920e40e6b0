package dev.lockstep.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;

/**
 * The sources the effective-parallelism tests ({@link FakeConcurrencyTest}, {@link
 * OversizedWindowTest}) compile against, and the negatives both checks must stay quiet on. The
 * expected messages name lines of these files ({@code Client.java:9}, {@code
 * RelaySession.java:10}): change them and the expectations move.
 */
// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class ConcurrencyFixtures {
  private ConcurrencyFixtures() {}

  /** A source file a test compiles: where it lives and its text. */
  record Source(String path, String text) {}

  /** A client whose send is an HttpClient round trip, in its own file. */
  static final Source CLIENT =
      new Source(
          "test/Client.java",
          """
          package test;
          import java.net.URI;
          import java.net.http.HttpClient;
          import java.net.http.HttpRequest;
          import java.net.http.HttpResponse;
          public class Client {
            private final HttpClient http = HttpClient.newHttpClient();
            public String send(String id) throws java.io.IOException, InterruptedException {
              return http.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                  HttpResponse.BodyHandlers.ofString()).body();
            }
            public java.util.concurrent.CompletableFuture<String> sendAsync(String id) {
              return http.sendAsync(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                  HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
            }
          }
          """);

  /** A signature-only BoundedWindow, as the window module will provide it. */
  static final Source WINDOW =
      new Source(
          "dev/lockstep/window/BoundedWindow.java",
          """
          package dev.lockstep.window;
          import java.util.List;
          public final class BoundedWindow {
            public static BoundedWindow of(int k) { throw new UnsupportedOperationException(); }
            public BoundedWindow unordered() { throw new UnsupportedOperationException(); }
            public BoundedWindow executor(java.util.concurrent.Executor e) {
              throw new UnsupportedOperationException();
            }
            public BoundedWindow timeout(java.time.Duration d) {
              throw new UnsupportedOperationException();
            }
            public <T, R> List<R> map(Iterable<? extends T> items, Fn<? super T, ? extends R> fn)
                throws InterruptedException { throw new UnsupportedOperationException(); }
            public <T> void forEach(Iterable<? extends T> items, Task<? super T> fn)
                throws InterruptedException { throw new UnsupportedOperationException(); }
            public interface Fn<T, R> { R apply(T t) throws Exception; }
            public interface Task<T> { void run(T t) throws Exception; }
          }
          """);

  /** The sample's shape: a serialized session whose synchronized publish posts through a helper. */
  static final Source RELAY =
      new Source(
          "test/RelaySession.java",
          """
          package test;
          import dev.lockstep.annotations.SerializedResource;
          import java.net.URI;
          import java.net.http.HttpClient;
          import java.net.http.HttpRequest;
          import java.net.http.HttpResponse;
          @SerializedResource(reason = "the relay accepts one publisher per session")
          public class RelaySession {
            private final HttpClient http = HttpClient.newHttpClient();
            public synchronized void publish(String group, String message) throws Exception {
              post(group + ":" + message);
            }
            private void post(String body) throws Exception {
              http.send(HttpRequest.newBuilder(URI.create("http://relay/" + body)).build(),
                  HttpResponse.BodyHandlers.discarding());
            }
          }
          """);

  /** A gateway that serves two callers at once, as declared. */
  static final Source ERP =
      new Source(
          "test/ErpGateway.java",
          """
          package test;
          import dev.lockstep.annotations.ResourceParallelism;
          @ResourceParallelism(value = 2, reason = "the ERP licence allows two sessions")
          public class ErpGateway {
            private final Client client = new Client();
            public String submit(String order) throws Exception {
              return client.send(order);
            }
          }
          """);

  /** The compilation with {@code sources} added. */
  static CompilationTestHelper addSourceLines(CompilationTestHelper helper, Source... sources) {
    CompilationTestHelper withSources = helper;
    for (Source source : sources) {
      withSources = withSources.addSourceLines(source.path(), source.text());
    }
    return withSources;
  }

  /** The refactoring with {@code sources} added as inputs the check must leave unchanged. */
  static BugCheckerRefactoringTestHelper addUnchangedSourceLines(
      BugCheckerRefactoringTestHelper helper, Source... sources) {
    BugCheckerRefactoringTestHelper withSources = helper;
    for (Source source : sources) {
      withSources = withSources.addInputLines(source.path(), source.text()).expectUnchanged();
    }
    return withSources;
  }

  /** Every bullet of "what must not be a finding"; run by both checks. */
  static void negatives(CompilationTestHelper helper) {
    helper
        .addSourceLines(
            "test/SessionPool.java",
            """
            package test;
            import dev.lockstep.annotations.ResourceParallelism;
            import java.util.concurrent.ArrayBlockingQueue;
            import java.util.concurrent.BlockingQueue;
            @ResourceParallelism(value = SessionPool.SIZE, reason = "five sessions")
            public class SessionPool {
              public static final int SIZE = 5;
              private final BlockingQueue<RelaySession> sessions = new ArrayBlockingQueue<>(SIZE);
              public void publish(String group, String message) throws Exception {
                RelaySession session = sessions.take();
                try {
                  session.publish(group, message);
                } finally {
                  sessions.put(session);
                }
              }
            }
            """)
        .addSourceLines(
            "test/Inbox.java",
            """
            package test;
            import java.util.ArrayDeque;
            import java.util.Deque;
            public class Inbox {
              private final Deque<String> queue = new ArrayDeque<>();
              private int acked;
              public synchronized String poll() { return queue.poll(); }
              public synchronized void ack(String id) { acked++; }
              public synchronized void nack(String id) { queue.addLast(id); }
            }
            """)
        .addSourceLines(
            "test/Upload.java",
            """
            package test;
            class Upload implements Runnable {
              private final String id;
              private final Client client = new Client();
              Upload(String id) { this.id = id; }
              @Override
              public synchronized void run() {
                try { client.send(id); } catch (Exception e) { }
              }
            }
            """)
        .addSourceLines(
            "test/Fine.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.sql.Connection;
            import java.sql.PreparedStatement;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.Vector;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.locks.ReentrantLock;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            import javax.sql.DataSource;
            class Fine {
              private static final Object LOCK = new Object();
              private final Client client = new Client();
              private final RelaySession session = new RelaySession();
              private final SessionPool pool = new SessionPool();
              private final Inbox inbox = new Inbox();
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final ExecutorService single = Executors.newSingleThreadExecutor();
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final Semaphore permits = new Semaphore(8);
              private final Map<String, String> cache = new ConcurrentHashMap<>();
              private final List<String> log = new ArrayList<>();
              private final Vector<String> vector = new Vector<>();
              private final StringBuffer buffer = new StringBuffer();
              private final DataSource dataSource;
              private volatile String config;
              private int count;
              Fine(DataSource dataSource) { this.dataSource = dataSource; }

              void lockTakenBySubmitter(List<String> ids) {
                synchronized (LOCK) {
                  for (String id : ids) {
                    workers.submit(() -> client.send(id));
                  }
                }
              }
              void shortCriticalSections(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  String body = client.send(id);
                  synchronized (LOCK) {
                    count++;
                    log.add(body);
                    cache.put(id, body);
                  }
                  synchronized (this) {
                    System.out.println(body);
                  }
                  vector.add(body);
                  buffer.append(body);
                  System.out.println(body);
                });
              }
              void perTaskLocks(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  Object mine = new Object();
                  synchronized (mine) {
                    client.send(id);
                  }
                  ReentrantLock own = new ReentrantLock();
                  own.lock();
                  try {
                    client.send(id);
                  } finally {
                    own.unlock();
                  }
                });
                for (String id : ids) {
                  workers.submit(new Upload(id));
                }
              }
              void perItemLock(List<ReentrantLock> locks) throws Exception {
                BoundedWindow.of(5).forEach(locks, lock -> {
                  synchronized (lock) {
                    client.send("x");
                  }
                });
              }
              void readLock(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  rw.readLock().lock();
                  try {
                    client.send(id);
                  } finally {
                    rw.readLock().unlock();
                  }
                });
              }
              void enoughPermits(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  permits.acquire();
                  try {
                    client.send(id);
                  } finally {
                    permits.release();
                  }
                });
              }
              void declaredWideEnough(List<String> groups) throws Exception {
                BoundedWindow.of(SessionPool.SIZE).forEach(groups, g -> pool.publish(g, "m"));
              }
              String config() throws Exception {
                if (config == null) {
                  synchronized (this) {
                    if (config == null) {
                      config = client.send("config");
                    }
                  }
                }
                return config;
              }
              private String lazy;
              synchronized String lazy() throws Exception {
                if (lazy == null) {
                  lazy = client.send("lazy");
                }
                return lazy;
              }
              void lazyInitialisation(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> client.send(config() + lazy() + id));
              }
              synchronized void submitOnly(String id) {
                client.sendAsync(id);
              }
              void asyncUnderLock(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, this::submitOnly);
              }
              void connectionPerTask(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> {
                  try (Connection c = dataSource.getConnection();
                      PreparedStatement s = c.prepareStatement("select 1 where id = ?")) {
                    s.setString(1, id);
                    s.executeQuery();
                  }
                });
              }
              void perBinLocking(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> cache.compute(id, (k, v) -> {
                  try {
                    return client.send(k);
                  } catch (Exception e) {
                    return v;
                  }
                }));
              }
              void singleThreadIsConfinement(List<String> groups) {
                for (String g : groups) {
                  single.submit(() -> { session.publish(g, "m"); return g; });
                }
              }
              void inboxAroundFanOut(List<String> groups) throws Exception {
                String id = inbox.poll();
                try {
                  BoundedWindow.of(5).forEach(groups, g -> {
                    inbox.ack(g);
                    client.send(g);
                  });
                  inbox.ack(id);
                } catch (RuntimeException e) {
                  inbox.nack(id);
                }
              }
            }
            """)
        .doTest();
  }
}
