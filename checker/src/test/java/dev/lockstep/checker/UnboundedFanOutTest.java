package dev.lockstep.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class UnboundedFanOutTest {
  private static final String CLIENT = Corpus.fixture("serialAwait/test/Client.java");

  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(UnboundedFanOut.class, getClass(), name);
  }

  private CompilationTestHelper helper() {
    return CompilationTestHelper.newInstance(UnboundedFanOut.class, getClass())
        .addSourceLines("test/Client.java", CLIENT);
  }

  /** sendAsync, virtual and platform threads, cached and per-task executors, streams, forEach. */
  @Test
  void oneTaskPerItemWithNoBound() {
    corpus("fanOutUnbounded").doTest();
  }

  /** Fixed pools, semaphores, small constant collections, CPU work, workers, intent. */
  @Test
  void boundedSmallOrCpuOnly() {
    corpus("fanOutUnboundedNegatives").expectNoDiagnostics().doTest();
  }

  /** A catalogued request whose reply comes to a callback, per item (ADR 0025). */
  @Test
  void callbackRequestPerItem() {
    corpus("fanOutUnboundedCallbacks").doTest();
  }

  /** A permit or a latch per item, a few stated items, a method of another type. */
  @Test
  void callbackRequestsBoundedOrFew() {
    corpus("fanOutUnboundedCallbacksNegatives").expectNoDiagnostics().doTest();
  }

  /** The in-flight futures of the serial-await corpus are an unbounded fan-out. */
  @Test
  void futuresInFlightAreAFanOut() {
    corpus("futuresAlreadyInFlight").doTest();
  }

  @Test
  void suppressWarningsAndSequentialSilenceIt() {
    helper()
        .addSourceLines(
            "test/All.java",
            """
            package test;
            import dev.lockstep.annotations.Sequential;
            import java.util.List;
            class All {
              private final Client client = new Client();
              @SuppressWarnings("UnboundedFanOut")
              void suppressed(List<String> ids) {
                for (String id : ids) {
                  client.sendAsync(id);
                }
              }
              @Sequential(reason = "the service autoscales: all at once is the point")
              void declared(List<String> ids) {
                for (String id : ids) {
                  client.sendAsync(id);
                }
              }
              void reported(List<String> ids) {
                for (String id : ids) {
                  // BUG: Diagnostic contains: BoundedWindow.of(5).mapAsync(items, ...)
                  client.sendAsync(id);
                }
              }
            }
            """)
        .doTest();
  }
}
