package dev.lockstep.checker;

import static dev.lockstep.checker.ConcurrencyFixtures.CLIENT;
import static dev.lockstep.checker.ConcurrencyFixtures.ERP;
import static dev.lockstep.checker.ConcurrencyFixtures.WINDOW;
import static dev.lockstep.checker.ConcurrencyFixtures.addUnchangedSourceLines;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class OversizedWindowTest {
  /** The corpus case {@code name}, as this check compiles it. */
  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(OversizedWindow.class, getClass(), name);
  }

  @Test
  void identification() {
    corpus("oversizedIdentification").doTest();
  }

  @Test
  void gatesFuturesAndDeclaredMembers() {
    corpus("oversizedGatesFuturesAndDeclaredMembers").doTest();
  }

  @Test
  void declaredOnTheMethod() {
    corpus("oversizedDeclaredOnTheMethod").doTest();
  }

  @Test
  void resizesALiteralWindowCreatedWhereItIsUsed() {
    Corpus.refactoring(
            OversizedWindow.class, getClass(), "oversizedResizeReplacement", "test/Orders.java")
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
    corpus("oversizedNotItsFindings").doTest();
  }

  @Test
  void negatives() {
    corpus("concurrencyNegatives").doTest();
  }

  @Test
  void suppressionAndIntent() {
    corpus("oversizedSuppressionAndIntent").doTest();
  }

  @Test
  void coresFlag() {
    corpus("oversizedCoresFlag").setArgs("-XepOpt:OversizedWindow:Cores=16").doTest();
  }

  @Test
  void coresFlagSmallMachine() {
    corpus("oversizedCoresFlagSmallMachine").setArgs("-XepOpt:OversizedWindow:Cores=2").doTest();
  }

  @Test
  void maxDepthFlag() {
    corpus("oversizedMaxDepthFlag").setArgs("-XepOpt:OversizedWindow:MaxDepth=0").doTest();
  }
}
