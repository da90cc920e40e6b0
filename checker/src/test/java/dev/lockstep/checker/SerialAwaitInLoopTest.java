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
  /** A client whose send is an HttpClient round trip, in its own file (the corpus' fixture). */
  private static final String CLIENT = Corpus.fixture("serialAwait/test/Client.java");

  /** A signature-only BoundedWindow, as the window module provides it (the corpus' fixture). */
  private static final String WINDOW =
      Corpus.fixture("serialAwait/dev/lockstep/window/BoundedWindow.java");

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SerialAwaitInLoop.class, getClass())
          .addSourceLines("test/Client.java", CLIENT);

  /** The corpus case {@code name}, as this check compiles it. */
  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(SerialAwaitInLoop.class, getClass(), name);
  }

  // ---------------------------------------------------------------------------------------------
  // What it must flag

  @Test
  void identification() {
    corpus("identification").doTest();
  }

  @Test
  void chainThroughOtherFiles() {
    corpus("chainThroughOtherFiles").doTest();
  }

  @Test
  void recursionDoesNotBlowUp() {
    corpus("recursionDoesNotBlowUp").doTest();
  }

  @Test
  void catalogueWaits() {
    corpus("catalogueWaits").doTest();
  }

  @Test
  void intentAnnotationsMarkWaits() {
    corpus("intentAnnotationsMarkWaits").doTest();
  }

  /**
   * A wait under a parameter a constant argument rules out, only the first time (get-or-create,
   * lazy init), or on a rare path beside the per-item one (the chain names the per-item one).
   */
  @Test
  void guardedWaits() {
    corpus("guardedWaits").doTest();
  }

  /** Futures handed out by the result of one batched call made before the loop. */
  @Test
  void futuresFromBatchedResults() {
    corpus("futuresFromBatchedResults").doTest();
  }

  /** A retry's conditional pause; one stream read through a helper, from a parameter or field. */
  @Test
  void retriesAndSharedStreams() {
    corpus("retriesAndSharedStreams").doTest();
  }

  /**
   * A receiver allocated as a class that runs items in parallel; a synchronized callee every item
   * would queue on (no window suggested).
   */
  @Test
  void dispatchAndQueues() {
    corpus("dispatchAndQueues").doTest();
  }

  /**
   * A task whose {@code run()} is inherited from an abstract base: its calls on {@code this} run
   * the overrides of the class the task was made with (a local, a fresh object, the static type);
   * an unknown class is not reported.
   */
  @Test
  void inheritedTaskBodies() {
    corpus("inheritedTaskBodies").doTest();
  }

  /**
   * Declarative clients: a MyBatis mapper ({@code @Mapper}, {@code @Select}) and an OpenFeign
   * client ({@code @FeignClient}, {@code @RequestLine}) called per item; an unannotated method, a
   * look-alike interface and a single call are not reported.
   */
  @Test
  void declarativeClients() {
    corpus("declarativeClients").doTest();
  }

  /**
   * Catalogued clients: a batch call named first; a fluent chain through {@code inBackground} is no
   * wait; a call that answers from the client's cache is not listed.
   */
  @Test
  void clientCatalogue() {
    corpus("clientCatalogue").doTest();
  }

  /**
   * Loops written with a cursor: an {@code Enumeration} in a {@code for} header or a {@code while},
   * an iterator declared in the {@code for} header, {@code do/while}, {@code forEachRemaining}; a
   * {@code do/while} that pages and a cursor loop that carries a token are not loops over items.
   */
  @Test
  void cursorLoops() {
    corpus("cursorLoops").doTest();
  }

  /**
   * A URL a helper builds as a {@code jar:} URL is no round trip, through a parameter or a local;
   * one from the method's caller is the caller's to judge; a future handed to a call that completes
   * it before returning is no wait, one handed to a worker thread is.
   */
  @Test
  void returnedUrlsAndHandedBackFutures() {
    corpus("returnedUrlsAndHandedBackFutures").doTest();
  }

  /** Classpath and file URLs, non-blocking channels: local or immediate; a host URL is a wait. */
  @Test
  void localResources() {
    corpus("localResources").doTest();
  }

  /** Threshold batches, de-duplication sets, counters; a variable set on the first iteration. */
  @Test
  void carriedThroughCollections() {
    corpus("carriedThroughCollections").doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // What it must not flag

  @Test
  void loopCarriedDependencies() {
    corpus("loopCarriedDependencies").expectNoDiagnostics().doTest();
  }

  @Test
  void earlyExitOnResult() {
    corpus("earlyExitOnResult").expectNoDiagnostics().doTest();
  }

  @Test
  void waitsOnlyOnTheErrorPathAreNotPerItemCosts() {
    // Found on jedis' Connection: sendCommand buffers, and only its catch block reads the
    // server's error line from the socket.
    // The case also holds a failover loop (an early exit) and a loop that is flagged.
    corpus("errorPathAndFailover").doTest();
  }

  @Test
  void pacingAndIntent() {
    corpus("pacingAndIntent").expectNoDiagnostics().doTest();
  }

  @Test
  void futuresAlreadyInFlight() {
    corpus("futuresAlreadyInFlight").expectNoDiagnostics().doTest();
  }

  @Test
  void nothingWaitsInside() {
    corpus("nothingWaitsInside").expectNoDiagnostics().doTest();
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
    corpus("maxDepthFlag").setArgs("-XepOpt:SerialAwaitInLoop:MaxDepth=1").doTest();
  }

  @Test
  void windowFlag() {
    corpus("windowFlag").setArgs("-XepOpt:SerialAwaitInLoop:Window=10").doTest();
  }

  @Test
  void catalogueFileFlag() {
    corpus("catalogueFileFlag")
        .setArgs(
            "-XepOpt:Lockstep:CatalogueFile="
                + Corpus.file("catalogueFileFlag", "mywaits.tsv").toAbsolutePath())
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
    Corpus.refactoring(SerialAwaitInLoop.class, getClass(), "replacementForEach", "test/Push.java")
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
    Corpus.refactoring(
            SerialAwaitInLoop.class, getClass(), "replacementMapKeepsOrder", "test/Fetch.java")
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
    Corpus.refactoring(
            SerialAwaitInLoop.class, getClass(), "noReplacementWhenUnsafe", "test/Unsafe.java")
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixMessages() {
    corpus("noFixMessages").doTest();
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
    corpus("withoutWindowOnClasspathAdvisesInText").doTest();
  }
}
