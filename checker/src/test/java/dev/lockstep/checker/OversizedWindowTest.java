package dev.lockstep.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class OversizedWindowTest {
  /** A gateway that serves two callers at once, as declared. */
  private static final String[] ERP = {
    "package test;",
    "import dev.lockstep.annotations.ResourceParallelism;",
    "@ResourceParallelism(value = 2, reason = \"the ERP licence allows two sessions\")",
    "public class ErpGateway {",
    "  private final Client client = new Client();",
    "  public String submit(String order) throws Exception {",
    "    return client.send(order);",
    "  }",
    "}"
  };

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(OversizedWindow.class, getClass())
          .addSourceLines("test/Client.java", FakeConcurrencyTest.CLIENT)
          .addSourceLines("dev/lockstep/window/BoundedWindow.java", FakeConcurrencyTest.WINDOW)
          .addSourceLines("test/RelaySession.java", FakeConcurrencyTest.RELAY)
          .addSourceLines("test/ErpGateway.java", ERP);

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
    FakeConcurrencyTest.negatives(helper);
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

  @Test
  void coresFlag() {
    helper
        .addSourceLines(
            "test/Cores.java",
            """
            package test;
            import java.util.List;
            class Cores {
              private final ErpGateway erp = new ErpGateway();
              void run(List<String> orders) {
                // BUG: Diagnostic contains: window 16 > declared parallelism 2 of ErpGateway: 14 workers wait at any time
                orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
              }
            }
            """)
        .setArgs("-XepOpt:OversizedWindow:Cores=16")
        .doTest();
  }

  @Test
  void coresFlagSmallMachine() {
    helper
        .addSourceLines(
            "test/Cores.java",
            """
            package test;
            import java.util.List;
            class Cores {
              private final ErpGateway erp = new ErpGateway();
              void run(List<String> orders) {
                // Two cores: the parallel stream is no wider than the gateway.
                orders.parallelStream().forEach(o -> { try { erp.submit(o); } catch (Exception e) { } });
              }
            }
            """)
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
