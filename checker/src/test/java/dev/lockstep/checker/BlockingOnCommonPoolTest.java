package dev.lockstep.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class BlockingOnCommonPoolTest {
  private static final String CLIENT = Corpus.fixture("serialAwait/test/Client.java");

  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(BlockingOnCommonPool.class, getClass(), name);
  }

  /** Parallel streams, supplyAsync/runAsync and async stages without an executor, commonPool(). */
  @Test
  void roundTripsOnTheCommonPool() {
    corpus("fanOutCommonPool").doTest();
  }

  /** CPU work, explicit executors, synchronous stages, pauses, conditional waits, intent. */
  @Test
  void cpuWorkOrADedicatedExecutor() {
    corpus("fanOutCommonPoolNegatives").expectNoDiagnostics().doTest();
  }

  /** A parallel stream no wider than its resource still blocks the common pool. */
  @Test
  void oversizedFindingsComeFirst() {
    corpus("oversizedCoresFlagSmallMachine")
        .setArgs("-XepOpt:BlockingOnCommonPool:Cores=2")
        .doTest();
  }

  @Test
  void suppressWarningsAndSequentialSilenceIt() {
    CompilationTestHelper.newInstance(BlockingOnCommonPool.class, getClass())
        .addSourceLines("test/Client.java", CLIENT)
        .addSourceLines(
            "test/Pool.java",
            """
            package test;
            import dev.lockstep.annotations.Sequential;
            import java.util.concurrent.CompletableFuture;
            class Pool {
              private final Client client = new Client();
              String get(String id) {
                try {
                  return client.send(id);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              @SuppressWarnings("BlockingOnCommonPool")
              CompletableFuture<String> suppressed(String id) {
                return CompletableFuture.supplyAsync(() -> get(id));
              }
              @Sequential(reason = "a batch tool: nothing else uses the common pool")
              CompletableFuture<String> declared(String id) {
                return CompletableFuture.supplyAsync(() -> get(id));
              }
              CompletableFuture<String> reported(String id) {
                // BUG: Diagnostic contains: Give the tasks an executor sized for the remote resource
                return CompletableFuture.supplyAsync(() -> get(id));
              }
            }
            """)
        .doTest();
  }
}
