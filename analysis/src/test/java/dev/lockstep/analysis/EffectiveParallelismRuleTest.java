package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static dev.lockstep.analysis.Fixtures.SEND;
import static dev.lockstep.analysis.Fixtures.at;
import static dev.lockstep.analysis.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.Parallelism;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.PipelineVerdict;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.Summaries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link EffectiveParallelismRule} on hand-built pipelines: effective parallelism is {@code min(k,
 * p)} over every serialization point a task reaches; 1 is fake concurrency, {@code 1 < p < k} an
 * oversized window, anything else clean, for a stated reason.
 */
final class EffectiveParallelismRuleTest {
  private static final MethodRef ENCLOSING = MethodRef.of("com.acme.Groups", "publishAll");
  private static final MethodRef PUBLISH =
      MethodRef.of("com.acme.RelaySession", "publish", "java.lang.String");
  private static final MethodRef QUERY =
      MethodRef.of("com.acme.ErpGateway", "query", "java.lang.String");
  private static final Receiver SESSION =
      Receiver.of(ReceiverKind.FIELD, "session", "com.acme.RelaySession");
  private static final Receiver THIS_SESSION =
      Receiver.of(ReceiverKind.THIS, "this", "com.acme.RelaySession");

  private static final Receiver PERMITS =
      Receiver.of(ReceiverKind.FIELD, "permits", "java.util.concurrent.Semaphore");

  private final Map<MethodRef, MethodFacts> program = new HashMap<>();

  private EffectiveParallelismRule rule(int cores) {
    Summaries summaries =
        new Summaries(
            m -> Optional.ofNullable(program.get(m)), new CallJudge(Catalogue.builtin()), 4);
    return new EffectiveParallelismRule(summaries, cores);
  }

  private EffectiveParallelismRule rule() {
    return rule(8);
  }

  /** A region of {@code kind} on {@code holder}, in the method {@code in}, around {@code calls}. */
  private static LockRegion region(
      LockRegion.Kind kind, Receiver holder, int permits, MethodRef in, CallSite... calls) {
    return new LockRegion(
        kind, holder.name(), holder, false, permits, at(20), in, List.of(calls), false);
  }

  /** RelaySession.publish: {@code synchronized (this)} around a round trip. */
  private void defineSynchronizedPublish() {
    program.put(
        PUBLISH,
        new MethodFacts(
            PUBLISH,
            at(30),
            Marks.NONE,
            Marks.NONE,
            List.of(call(SEND, 31)),
            List.of(region(LockRegion.Kind.MONITOR, THIS_SESSION, 0, PUBLISH, call(SEND, 31)))));
  }

  private static Pipeline pipeline(
      Pipeline.WindowSource source, int k, List<CallSite> calls, List<LockRegion> regions) {
    return new Pipeline(
        Pipeline.Kind.BOUNDED_WINDOW,
        source,
        source == Pipeline.WindowSource.CONSTANT ? OptionalInt.of(k) : OptionalInt.empty(),
        source == Pipeline.WindowSource.CONSTANT ? Integer.toString(k) : "n",
        at(10),
        ENCLOSING,
        Marks.NONE,
        calls,
        regions);
  }

  private static Pipeline window(int k, List<CallSite> calls, List<LockRegion> regions) {
    return pipeline(Pipeline.WindowSource.CONSTANT, k, calls, regions);
  }

  /** The task's own region on a shared field, around a round trip. */
  private static LockRegion taskRegion(LockRegion.Kind kind, Receiver holder, int permits) {
    return region(kind, holder, permits, ENCLOSING, call(SEND, 12));
  }

  private static Finding flagged(PipelineVerdict verdict) {
    assertThat(verdict).isInstanceOf(PipelineVerdict.Flagged.class);
    return ((PipelineVerdict.Flagged) verdict).finding();
  }

  private static PipelineVerdict.Reason clean(PipelineVerdict verdict) {
    assertThat(verdict).isInstanceOf(PipelineVerdict.Clean.class);
    return ((PipelineVerdict.Clean) verdict).reason();
  }

  @Test
  void aMonitorEveryTaskReachesThroughACallIsFakeConcurrency() {
    defineSynchronizedPublish();
    Finding finding =
        flagged(rule().judge(window(8, List.of(call(PUBLISH, SESSION, 11)), List.of())));
    assertThat(finding.check()).isEqualTo(Checks.FAKE_CONCURRENCY);
    assertThat(finding.parallelism()).hasValue(new Parallelism(OptionalInt.of(8), 1, "'session'"));
    assertThat(finding.message()).startsWith("8 workers, effective parallelism 1");
    assertThat(finding.message()).contains("RelaySession.publish");
  }

  @Test
  void aSemaphoreNarrowerThanTheWindowIsAnOversizedWindow() {
    Finding finding =
        flagged(
            rule()
                .judge(
                    window(
                        8, List.of(), List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 3)))));
    assertThat(finding.check()).isEqualTo(Checks.OVERSIZED_WINDOW);
    assertThat(finding.parallelism())
        .hasValue(new Parallelism(OptionalInt.of(8), 3, "semaphore 'permits'"));
    assertThat(finding.message()).startsWith("window 8 > parallelism 3 of semaphore 'permits'");
    assertThat(finding.message()).contains("5 workers wait at any time");
  }

  @Test
  void effectiveParallelismIsTheMinimumOverEveryPoint() {
    // A semaphore of 4 and a gateway declared @ResourceParallelism(2): the gateway limits.
    CallSite gateway =
        call(QUERY, Receiver.of(ReceiverKind.FIELD, "erp", "com.acme.ErpGateway"), 13)
            .withMarks(Marks.NONE, new Marks(Set.of(Mark.RESOURCE_PARALLELISM), 2), Marks.NONE);
    Finding finding =
        flagged(
            rule()
                .judge(
                    window(
                        8,
                        List.of(gateway),
                        List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 4)))));
    assertThat(finding.check()).isEqualTo(Checks.OVERSIZED_WINDOW);
    assertThat(finding.parallelism().orElseThrow().effective()).isEqualTo(2);
    assertThat(finding.parallelism().orElseThrow().bottleneck()).isEqualTo("ErpGateway");
    assertThat(finding.message()).startsWith("window 8 > declared parallelism 2 of ErpGateway");

    // And a monitor besides: 1 wins over both.
    defineSynchronizedPublish();
    Finding fake =
        flagged(
            rule()
                .judge(
                    window(
                        8,
                        List.of(gateway, call(PUBLISH, SESSION, 14)),
                        List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 4)))));
    assertThat(fake.check()).isEqualTo(Checks.FAKE_CONCURRENCY);
  }

  @Test
  void aResourceAsWideAsTheWindowIsClean() {
    List<LockRegion> four = List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 4));
    assertThat(clean(rule().judge(window(4, List.of(), four))))
        .isEqualTo(PipelineVerdict.Reason.WIDE_ENOUGH);
    assertThat(clean(rule().judge(window(3, List.of(), four))))
        .isEqualTo(PipelineVerdict.Reason.WIDE_ENOUGH);
    assertThat(flagged(rule().judge(window(5, List.of(), four))).check())
        .isEqualTo(Checks.OVERSIZED_WINDOW);
  }

  @Test
  void aWindowOfOneIsNeverReported() {
    defineSynchronizedPublish();
    List<CallSite> task = List.of(call(PUBLISH, SESSION, 11));
    assertThat(clean(rule().judge(window(1, task, List.of()))))
        .isEqualTo(PipelineVerdict.Reason.CONFINED);
    // The common pool on two cores has one worker.
    assertThat(
            clean(rule(2).judge(pipeline(Pipeline.WindowSource.COMMON_POOL, 0, task, List.of()))))
        .isEqualTo(PipelineVerdict.Reason.CONFINED);
    assertThat(
            flagged(rule(3).judge(pipeline(Pipeline.WindowSource.COMMON_POOL, 0, task, List.of())))
                .check())
        .isEqualTo(Checks.FAKE_CONCURRENCY);
  }

  @Test
  void anUnknownWindowIsReportedOnlyAtParallelismOne() {
    defineSynchronizedPublish();
    assertThat(
            flagged(
                    rule()
                        .judge(
                            pipeline(
                                Pipeline.WindowSource.NON_CONSTANT,
                                0,
                                List.of(call(PUBLISH, SESSION, 11)),
                                List.of())))
                .check())
        .isEqualTo(Checks.FAKE_CONCURRENCY);
    assertThat(
            clean(
                rule()
                    .judge(
                        pipeline(
                            Pipeline.WindowSource.UNBOUNDED,
                            0,
                            List.of(),
                            List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 3))))))
        .isEqualTo(PipelineVerdict.Reason.UNKNOWN_WINDOW);
  }

  /** A thread per item started by hand: width unknown, so only parallelism 1 is reported. */
  @Test
  void threadsPerItemOfUnknownWidthAreReportedOnlyAtParallelismOne() {
    defineSynchronizedPublish();
    Pipeline threads =
        new Pipeline(
            Pipeline.Kind.THREAD_PER_ITEM,
            Pipeline.WindowSource.UNKNOWN,
            OptionalInt.empty(),
            "new Thread(\u2026).start() in startLoader (Loaders.java:44)",
            at(10),
            ENCLOSING,
            Marks.NONE,
            List.of(call(PUBLISH, SESSION, 11)),
            List.of());
    Finding finding = flagged(rule().judge(threads));
    assertThat(finding.check()).isEqualTo(Checks.FAKE_CONCURRENCY);
    assertThat(finding.parallelism())
        .hasValue(new Parallelism(OptionalInt.empty(), 1, "'session'"));
    assertThat(finding.message())
        .startsWith(
            "a thread per item (new Thread(\u2026).start() in startLoader (Loaders.java:44); how"
                + " many at once not known), effective parallelism 1: each task reaches"
                + " RelaySession.publish");
    assertThat(finding.message()).contains("Fix: remove the threads and loop");
    // A semaphore of 3 under threads of unknown number: no k to compare it with.
    Pipeline gatedByThree =
        new Pipeline(
            Pipeline.Kind.THREAD_PER_ITEM,
            Pipeline.WindowSource.UNKNOWN,
            OptionalInt.empty(),
            "new Thread(\u2026).start()",
            at(10),
            ENCLOSING,
            Marks.NONE,
            List.of(),
            List.of(taskRegion(LockRegion.Kind.SEMAPHORE, PERMITS, 3)));
    assertThat(clean(rule().judge(gatedByThree))).isEqualTo(PipelineVerdict.Reason.UNKNOWN_WINDOW);
  }

  @Test
  void theWindowComesFromItsSource() {
    EffectiveParallelismRule rule = rule(6);
    assertThat(rule.window(window(5, List.of(), List.of()))).isEqualTo(OptionalInt.of(5));
    assertThat(rule.window(pipeline(Pipeline.WindowSource.COMMON_POOL, 0, List.of(), List.of())))
        .isEqualTo(OptionalInt.of(5));
    assertThat(rule.window(pipeline(Pipeline.WindowSource.CORES, 0, List.of(), List.of())))
        .isEqualTo(OptionalInt.of(6));
    assertThat(rule.window(pipeline(Pipeline.WindowSource.NON_CONSTANT, 0, List.of(), List.of())))
        .isEmpty();
    assertThat(rule.window(pipeline(Pipeline.WindowSource.UNBOUNDED, 0, List.of(), List.of())))
        .isEmpty();
    assertThat(rule(1).window(pipeline(Pipeline.WindowSource.COMMON_POOL, 0, List.of(), List.of())))
        .isEqualTo(OptionalInt.of(1));
    assertThrows(IllegalArgumentException.class, () -> rule(0));
  }

  @Test
  void aReadLockNeverSerializes() {
    Receiver rw =
        Receiver.of(
            ReceiverKind.FIELD, "lock", "java.util.concurrent.locks.ReentrantReadWriteLock");
    // Readers share it, whatever size a front end gave it.
    for (int permits : new int[] {0, 1}) {
      List<LockRegion> read = List.of(taskRegion(LockRegion.Kind.READ_LOCK, rw, permits));
      assertThat(clean(rule().judge(window(8, List.of(), read))))
          .isEqualTo(PipelineVerdict.Reason.NO_SERIALIZATION_POINT);
    }
    assertThat(
            flagged(
                    rule()
                        .judge(
                            window(
                                8,
                                List.of(),
                                List.of(taskRegion(LockRegion.Kind.WRITE_LOCK, rw, 0)))))
                .check())
        .isEqualTo(Checks.FAKE_CONCURRENCY);
  }

  @Test
  void aLockOnAPerTaskObjectIsNotASerializationPoint() {
    Receiver fresh = Receiver.fresh("java.lang.Object", Optional.empty(), ReceiverKind.FRESH);
    Receiver item = Receiver.of(ReceiverKind.LOOP_ITEM, "account", "com.acme.Account");
    for (Receiver perTask : List.of(fresh, item)) {
      assertThat(
              clean(
                  rule()
                      .judge(
                          window(
                              8,
                              List.of(),
                              List.of(taskRegion(LockRegion.Kind.MONITOR, perTask, 0))))))
          .isEqualTo(PipelineVerdict.Reason.NO_SERIALIZATION_POINT);
    }
    // The same region on a field every task sees is one.
    assertThat(
            flagged(
                    rule()
                        .judge(
                            window(
                                8,
                                List.of(),
                                List.of(taskRegion(LockRegion.Kind.MONITOR, SESSION, 0)))))
                .check())
        .isEqualTo(Checks.FAKE_CONCURRENCY);
  }

  @Test
  void aLockHeldAcrossNoWaitIsNotASerializationPoint() {
    LockRegion counter =
        region(
            LockRegion.Kind.MONITOR,
            SESSION,
            0,
            ENCLOSING,
            call(MethodRef.of("com.acme.Stats", "increment"), 12));
    assertThat(clean(rule().judge(window(8, List.of(), List.of(counter)))))
        .isEqualTo(PipelineVerdict.Reason.NO_SERIALIZATION_POINT);
  }

  @Test
  void intendedSerialExecutionIsClean() {
    defineSynchronizedPublish();
    Pipeline declared =
        new Pipeline(
            Pipeline.Kind.EXECUTOR,
            Pipeline.WindowSource.CONSTANT,
            OptionalInt.of(8),
            "8",
            at(10),
            ENCLOSING,
            Marks.of(Mark.SEQUENTIAL),
            List.of(call(PUBLISH, SESSION, 11)),
            List.of());
    assertThat(clean(rule().judge(declared))).isEqualTo(PipelineVerdict.Reason.SEQUENTIAL);

    // A task that is one call of a @Sequential method.
    CallSite sequentialTask =
        call(PUBLISH, SESSION, 11).withMarks(Marks.of(Mark.SEQUENTIAL), Marks.NONE, Marks.NONE);
    assertThat(clean(rule().judge(window(8, List.of(sequentialTask), List.of()))))
        .isEqualTo(PipelineVerdict.Reason.SEQUENTIAL);
  }
}
