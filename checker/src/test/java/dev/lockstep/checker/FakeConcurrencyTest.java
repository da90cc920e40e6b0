package dev.lockstep.checker;

import static dev.lockstep.checker.ConcurrencyFixtures.CLIENT;
import static dev.lockstep.checker.ConcurrencyFixtures.RELAY;
import static dev.lockstep.checker.ConcurrencyFixtures.WINDOW;
import static dev.lockstep.checker.ConcurrencyFixtures.addUnchangedSourceLines;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class FakeConcurrencyTest {
  /** The corpus case {@code name}, as this check compiles it. */
  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(FakeConcurrency.class, getClass(), name);
  }

  // ---------------------------------------------------------------------------------------------
  // Pipelines

  @Test
  void boundedWindowOverSynchronizedSession() {
    corpus("fakeBoundedWindow").doTest();
  }

  @Test
  void executors() {
    corpus("fakeExecutors").doTest();
  }

  /**
   * Executors of unknown origin (a parameter, an injected field, a handed {@code Executor}): a
   * pipeline of unknown width, enough for effective parallelism 1; per-task locks, a lock outside
   * the task and no lock are not reported.
   */
  @Test
  void unknownExecutors() {
    corpus("fakeUnknownExecutors").doTest();
  }

  /**
   * A thread per item started by hand, in the loop or in a helper of the class one or two calls
   * deep: a pipeline of unknown width. Per-task and per-item locks, a lock outside the tasks, no
   * lock, a lock around CPU work only, a joined thread and a worker started once are not reported.
   */
  @Test
  void threadPerItemHelpers() {
    corpus("fakeThreadPerItemHelpers").doTest();
  }

  /**
   * {@code Callable}s collected per item into a list (lambdas, {@code Executors.callable} wrappers,
   * named classes, method references) and handed to {@code invokeAll}/{@code invokeAny}; per-item
   * and per-task locks, a lock outside the tasks, no lock and a fixed {@code List.of} of two jobs
   * are not reported.
   */
  @Test
  void callableLists() {
    corpus("fakeCallableLists").doTest();
  }

  /** A lock region that spans a try-with-resources, as the statement or nested in the try. */
  @Test
  void lockAcrossTryWithResources() {
    corpus("fakeLockAcrossTryWithResources").doTest();
  }

  @Test
  void futuresAndParallelStreams() {
    corpus("fakeFuturesAndParallelStreams").doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // Serialization points

  @Test
  void locksSemaphoresAndExecutors() {
    corpus("fakeLocksSemaphoresAndExecutors").doTest();
  }

  @Test
  void sharedObjects() {
    corpus("fakeSharedObjects").doTest();
  }

  @Test
  void librarySynchronizedMethodThatWaits() {
    // Hashtable.get is synchronized in its class file; a user catalogue makes it a wait here.
    corpus("fakeLibrarySynchronized")
        .setArgs(
            "-XepOpt:Lockstep:CatalogueFile="
                + Corpus.file("fakeLibrarySynchronized", "waits.tsv").toAbsolutePath())
        .doTest();
  }

  @Test
  void timedTryLockSerializes() {
    corpus("fakeTimedTryLock").doTest();
  }

  @Test
  void untimedTryLockSkipsInsteadOfQueueing() {
    corpus("fakeUntimedTryLock").doTest();
  }

  @Test
  void zeroTimeoutTryLockSkipsInsteadOfQueueing() {
    corpus("fakeZeroTimeoutTryLock").doTest();
  }

  @Test
  void helperThatReassignsItsParameter() {
    corpus("fakeHelperReassignsItsParameter").doTest();
  }

  @Test
  void sharedObjectsPassedToHelpers() {
    corpus("fakeSharedObjectsPassedToHelpers").doTest();
  }

  @Test
  void lockRegionsInLambdasOfOrdinaryMethods() {
    corpus("fakeLockRegionsInLambdas").doTest();
  }

  @Test
  void semaphoreGatedPipelines() {
    corpus("fakeSemaphoreGatedPipelines").doTest();
  }

  @Test
  void parallelStreamCollect() {
    corpus("fakeParallelStreamCollect").doTest();
  }

  @Test
  void declaredOnTheMethodAndMonitorField() {
    corpus("fakeDeclaredOnTheMethodAndMonitorField").doTest();
  }

  @Test
  void executorFieldsAssignedOnceOutsideTheConstructor() {
    corpus("fakeExecutorFieldsAssignedOnce").doTest();
  }

  @Test
  void offersNoAutomaticFix() {
    // Removing the pool, widening the resource and declaring the intent are design decisions.
    addUnchangedSourceLines(
            BugCheckerRefactoringTestHelper.newInstance(FakeConcurrency.class, getClass()),
            CLIENT,
            WINDOW,
            RELAY)
        .addInputLines(
            "test/Groups.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Groups {
              private final RelaySession session = new RelaySession();
              void publishAll(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // What must not be a finding (shared with OversizedWindow's test)

  @Test
  void negatives() {
    corpus("concurrencyNegatives").doTest();
  }

  @Test
  void suppressionAndIntent() {
    corpus("fakeSuppressionAndIntent").doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // Flags

  @Test
  void coresFlag() {
    corpus("fakeCoresFlag").setArgs("-XepOpt:FakeConcurrency:Cores=16").doTest();
  }

  @Test
  void maxDepthFlag() {
    corpus("fakeMaxDepthFlag").setArgs("-XepOpt:FakeConcurrency:MaxDepth=1").doTest();
  }

  @Test
  void maxDepthDefaultReachesIt() {
    corpus("fakeMaxDepthDefault").doTest();
  }

  @Test
  void badFlagIsOneError() {
    CompilationTestHelper.newInstance(FakeConcurrency.class, getClass())
        .expectResult(com.sun.tools.javac.main.Main.Result.ERROR)
        .addSourceLines(
            "test/Bad.java",
            """
            // BUG: Diagnostic contains: -XepOpt:FakeConcurrency:Cores must be at least 1, got 0
            package test;
            class Bad {}
            """)
        .setArgs("-XepOpt:FakeConcurrency:Cores=0")
        .doTest();
  }
}
