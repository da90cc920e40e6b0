package dev.lockstep.checker;

import static dev.lockstep.checker.ConcurrencyFixtures.CLIENT;
import static dev.lockstep.checker.ConcurrencyFixtures.ERP;
import static dev.lockstep.checker.ConcurrencyFixtures.RELAY;
import static dev.lockstep.checker.ConcurrencyFixtures.WINDOW;
import static dev.lockstep.checker.ConcurrencyFixtures.addSourceLines;
import static dev.lockstep.checker.ConcurrencyFixtures.addUnchangedSourceLines;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class OversizedWindowTest {
  private final CompilationTestHelper helper =
      addSourceLines(
          CompilationTestHelper.newInstance(OversizedWindow.class, getClass()),
          CLIENT,
          WINDOW,
          RELAY,
          ERP);

  @Test
  void identification() {
    helper
        .addSourceLines(
            "test/Orders.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Semaphore;
            class Orders {
              private final ErpGateway erp = new ErpGateway();
              private final Client client = new Client();
              private final Semaphore permits = new Semaphore(3);
              private final ExecutorService pool = Executors.newFixedThreadPool(10);
              private final ExecutorService backend = Executors.newFixedThreadPool(4);
              void declared(List<String> orders) throws Exception {
                // BUG: Diagnostic contains: [OversizedWindow] window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Orders.java:15) which waits on HttpClient.send (Client.java:9). Chain: declared (Orders.java:15) -> erp.submit (Orders.java:15). Fix: size the window to the resource (BoundedWindow.of(2)), or widen the resource and declare its capacity with @ResourceParallelism(n), or keep it and say why with @Sequential(reason=…).
                BoundedWindow.of(8).forEach(orders, erp::submit);
              }
              void limited(String order) {
                try {
                  permits.acquire();
                  try {
                    client.send(order);
                  } finally {
                    permits.release();
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              void semaphore(List<String> orders) {
                for (String order : orders) {
                  // BUG: Diagnostic contains: window 10 > parallelism 3 of semaphore 'permits': 7 workers wait at any time. Each task reaches Orders.limited (acquires the shared 'permits' semaphore of 3 permits, Orders.java:19) which holds a permit across HttpClient.send (Client.java:9). Chain: semaphore (Orders.java:32) -> limited (Orders.java:32). Fix: size the window to the resource (a pool of 3 threads)
                  pool.execute(() -> limited(order));
                }
              }
              void executorWaitedOn(List<String> orders) throws Exception {
                // BUG: Diagnostic contains: window 8 > parallelism 4 of executor 'backend': 4 workers wait at any time
                BoundedWindow.of(8).forEach(orders, o -> backend.submit(() -> client.send(o)).get());
              }
              void parallelStream(List<String> orders) {
                // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time
                orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
              }
            }
            """)
        .doTest();
  }

  @Test
  void gatesFuturesAndDeclaredMembers() {
    helper
        .addSourceLines(
            "test/Gates.java",
            """
            package test;
            import dev.lockstep.annotations.ResourceParallelism;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Semaphore;
            class Gates {
              private final ErpGateway erp = new ErpGateway();
              private final Client client = new Client();
              private final Semaphore gate = new Semaphore(8);
              private final Semaphore narrow = new Semaphore(2);
              private final ExecutorService pool = Executors.newFixedThreadPool(10);
              @ResourceParallelism(value = 3, reason = "three sockets")
              private final Client sockets = new Client();
              void virtualThreads(List<String> orders) {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (String o : orders) {
                    // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Gates.java:23) which waits on HttpClient.send (Client.java:9). Chain: virtualThreads (Gates.java:20) -> erp.submit (Gates.java:23). Fix: size the window to the resource (new Semaphore(2) for 'gate'), or widen the resource and declare its capacity with @ResourceParallelism(n), or keep it and say why with @Sequential(reason=…).
                    threads.submit(() -> {
                      gate.acquire();
                      try {
                        return erp.submit(o);
                      } finally {
                        gate.release();
                      }
                    });
                  }
                }
              }
              void submitterTakesThePermit(List<String> orders) throws Exception {
                for (String o : orders) {
                  gate.acquire();
                  // BUG: Diagnostic contains: window 8 > declared parallelism 2 of ErpGateway: 6 workers wait at any time
                  pool.execute(() -> {
                    try {
                      erp.submit(o);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    } finally {
                      gate.release();
                    }
                  });
                }
              }
              void gateNoWiderThanTheResource(List<String> orders) {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (String o : orders) {
                    threads.submit(() -> {
                      narrow.acquire();
                      try {
                        return erp.submit(o);
                      } finally {
                        narrow.release();
                      }
                    });
                  }
                }
              }
              void futures(List<String> orders) {
                for (String o : orders) {
                  // BUG: Diagnostic contains: window 10 > declared parallelism 2 of ErpGateway: 8 workers wait at any time. Each task reaches ErpGateway (declared @ResourceParallelism(2), Gates.java:68) which waits on HttpClient.send (Client.java:9). Chain: futures (Gates.java:63) -> submitQuietly (Gates.java:63) -> erp.submit (Gates.java:68). Fix: size the window to the resource (run the tasks on a pool of 2 threads)
                  CompletableFuture.supplyAsync(() -> submitQuietly(o), pool);
                }
              }
              String submitQuietly(String o) {
                try {
                  return erp.submit(o);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              void declaredField(List<String> ids) {
                for (String id : ids) {
                  // BUG: Diagnostic contains: window 10 > declared parallelism 3 of 'sockets': 7 workers wait at any time. Each task reaches 'sockets' (declared @ResourceParallelism(3), Gates.java:76) which waits on HttpClient.send (Client.java:9). Chain: declaredField (Gates.java:76) -> sockets.send (Gates.java:76). Fix: size the window to the resource (a pool of 3 threads)
                  pool.submit(() -> sockets.send(id));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void declaredOnTheMethod() {
    helper
        .addSourceLines(
            "test/Quota.java",
            """
            package test;
            import dev.lockstep.annotations.ResourceParallelism;
            public class Quota {
              private final Client client = new Client();
              @ResourceParallelism(value = 4, reason = "the partner API allows four calls at once")
              public String fetch(String id) throws Exception {
                return client.send(id);
              }
            }
            """)
        .addSourceLines(
            "test/Fetcher.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Fetcher {
              private final Quota quota = new Quota();
              void run(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: window 16 > declared parallelism 4 of Quota.fetch: 12 workers wait at any time. Each task reaches Quota.fetch (declared @ResourceParallelism(4), Fetcher.java:8) which waits on HttpClient.send (Client.java:9). Chain: run (Fetcher.java:8) -> quota.fetch (Fetcher.java:8)
                BoundedWindow.of(16).forEach(ids, quota::fetch);
              }
            }
            """)
        .doTest();
  }

  @Test
  void resizesALiteralWindowCreatedWhereItIsUsed() {
    addUnchangedSourceLines(
            BugCheckerRefactoringTestHelper.newInstance(OversizedWindow.class, getClass()),
            CLIENT,
            WINDOW,
            ERP)
        .addInputLines(
            "test/Orders.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Orders {
              private final ErpGateway erp = new ErpGateway();
              private final ExecutorService shared = Executors.newFixedThreadPool(8);
              void window(List<String> orders) throws Exception {
                BoundedWindow.of(8).unordered().forEach(orders, erp::submit);
              }
              void localPool(List<String> orders) {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                for (String o : orders) {
                  pool.submit(() -> erp.submit(o));
                }
              }
              void fieldPool(List<String> orders) {
                // The field's pool may feed other pipelines: the message says it, no fix.
                for (String o : orders) {
                  shared.submit(() -> erp.submit(o));
                }
              }
            }
            """)
        .addOutputLines(
            "test/Orders.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Orders {
              private final ErpGateway erp = new ErpGateway();
              private final ExecutorService shared = Executors.newFixedThreadPool(8);
              void window(List<String> orders) throws Exception {
                BoundedWindow.of(2).unordered().forEach(orders, erp::submit);
              }
              void localPool(List<String> orders) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                for (String o : orders) {
                  pool.submit(() -> erp.submit(o));
                }
              }
              void fieldPool(List<String> orders) {
                // The field's pool may feed other pipelines: the message says it, no fix.
                for (String o : orders) {
                  shared.submit(() -> erp.submit(o));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedConstantsAreNotRewritten() {
    addUnchangedSourceLines(
            BugCheckerRefactoringTestHelper.newInstance(OversizedWindow.class, getClass()),
            CLIENT,
            WINDOW,
            ERP)
        .addInputLines(
            "test/Named.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Named {
              static final int WIDTH = 8;
              private final ErpGateway erp = new ErpGateway();
              void window(List<String> orders) throws Exception {
                BoundedWindow.of(WIDTH).forEach(orders, erp::submit);
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void notItsFindings() {
    helper
        .addSourceLines(
            "test/Others.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Others {
              private final ErpGateway erp = new ErpGateway();
              private final RelaySession session = new RelaySession();
              private final ExecutorService sized;
              Others(int threads) {
                sized = Executors.newFixedThreadPool(threads);
              }
              void fakeConcurrencyIsTheOtherCheck(List<String> groups) throws Exception {
                BoundedWindow.of(8).forEach(groups, g -> session.publish(g, "m"));
              }
              void unknownWindow(List<String> orders) {
                for (String o : orders) {
                  sized.submit(() -> erp.submit(o));
                }
              }
              void sizedToTheResource(List<String> orders) throws Exception {
                BoundedWindow.of(2).forEach(orders, erp::submit);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negatives() {
    ConcurrencyFixtures.negatives(helper);
  }

  @Test
  void suppressionAndIntent() {
    helper
        .addSourceLines(
            "test/Intent.java",
            """
            package test;
            import dev.lockstep.annotations.Sequential;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Intent {
              private final ErpGateway erp = new ErpGateway();
              @SuppressWarnings("OversizedWindow")
              void suppressed(List<String> orders) throws Exception {
                BoundedWindow.of(8).forEach(orders, erp::submit);
              }
              @Sequential(reason = "orders must reach the ERP in sequence")
              void sequential(List<String> orders) throws Exception {
                BoundedWindow.of(8).forEach(orders, erp::submit);
              }
            }
            """)
        .doTest();
  }

  /**
   * A parallel stream over the two-session gateway; {@code comment} stands above it. The two cores
   * tests share it: only the flag differs.
   */
  private static String cores(String comment) {
    return """
        package test;
        import java.util.List;
        class Cores {
          private final ErpGateway erp = new ErpGateway();
          void run(List<String> orders) {
            %s
            orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
          }
        }
        """
        .formatted(comment);
  }

  @Test
  void coresFlag() {
    helper
        .addSourceLines(
            "test/Cores.java",
            cores(
                "// BUG: Diagnostic contains: window 16 > declared parallelism 2 of ErpGateway: 14"
                    + " workers wait at any time"))
        .setArgs("-XepOpt:OversizedWindow:Cores=16")
        .doTest();
  }

  @Test
  void coresFlagSmallMachine() {
    helper
        .addSourceLines(
            "test/Cores.java",
            cores("// Two cores: the parallel stream is no wider than the gateway."))
        .setArgs("-XepOpt:OversizedWindow:Cores=2")
        .doTest();
  }

  @Test
  void maxDepthFlag() {
    helper
        .addSourceLines(
            "test/Depth.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Depth {
              private final ErpGateway erp = new ErpGateway();
              void viaHelper(String o) throws Exception { erp.submit(o); }
              void run(List<String> orders) throws Exception {
                // The gateway is one call below the task: out of reach at depth 0.
                BoundedWindow.of(8).forEach(orders, this::viaHelper);
              }
            }
            """)
        .setArgs("-XepOpt:OversizedWindow:MaxDepth=0")
        .doTest();
  }
}
