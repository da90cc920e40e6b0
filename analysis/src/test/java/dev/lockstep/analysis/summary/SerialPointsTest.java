package dev.lockstep.analysis.summary;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.SerialPoint.Anchor;
import dev.lockstep.analysis.summary.SerialPoints.ScopeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialPoints} on hand-built facts: which regions and calls are serialization points, and
 * whether the lock object stays shared as a point moves up a call.
 */
final class SerialPointsTest {
  private static final MethodRef SEND =
      MethodRef.of(
          "java.net.http.HttpClient",
          "send",
          "java.net.http.HttpRequest",
          "java.net.http.HttpResponse.BodyHandler");
  private static final MethodRef PUBLISH =
      MethodRef.of("com.acme.RelaySession", "publish", "java.lang.String");
  private static final MethodRef LOCAL_WORK = MethodRef.of("com.acme.Stats", "increment");
  private static final Receiver CLIENT =
      Receiver.of(ReceiverKind.FIELD, "client", "java.net.http.HttpClient");
  private static final Receiver THIS =
      Receiver.of(ReceiverKind.THIS, "this", "com.acme.RelaySession");
  private static final Receiver SESSION =
      Receiver.of(ReceiverKind.FIELD, "session", "com.acme.RelaySession");

  private final SerialPoints points =
      new SerialPoints(new Summaries(m -> Optional.empty(), new CallJudge(Catalogue.builtin()), 4));

  private static Location at(int line) {
    return new Location("A.java", line, 1);
  }

  private static CallSite send(int line) {
    return CallSite.simple(SEND, CLIENT, at(line));
  }

  private static LockRegion region(
      LockRegion.Kind kind, Receiver holder, boolean isStatic, int permits, CallSite... calls) {
    return new LockRegion(
        kind, holder.name(), holder, isStatic, permits, at(3), PUBLISH, List.of(calls), false);
  }

  private static LockRegion region(LockRegion.Kind kind, Receiver holder, int permits) {
    return region(kind, holder, false, permits, send(4));
  }

  private List<SerialPoint> local(LockRegion region, ScopeKind scope) {
    return points.local(List.of(), List.of(region), scope);
  }

  private List<SerialPoint> local(CallSite call, ScopeKind scope) {
    return points.local(List.of(call), List.of(), scope);
  }

  @Test
  void aMonitorHeldAcrossAWaitIsAPointOfParallelismOne() {
    List<SerialPoint> found = local(region(LockRegion.Kind.MONITOR, THIS, 0), ScopeKind.METHOD);
    assertThat(found).hasSize(1);
    SerialPoint point = found.get(0);
    assertThat(point.kind()).isEqualTo(SerialPoint.Kind.MONITOR);
    assertThat(point.parallelism()).isEqualTo(1);
    assertThat(point.anchor()).isEqualTo(Anchor.RECEIVER);
    assertThat(point.holder()).isEqualTo("RelaySession.publish");
    assertThat(point.path()).isEmpty();
    assertThat(point.across().map(WaitChain::render)).hasValue("HttpClient.send at A.java:4");
  }

  @Test
  void aSemaphoreOrExecutorIsAsWideAsItsStatedSize() {
    Receiver permits = Receiver.of(ReceiverKind.FIELD, "permits", "java.util.concurrent.Semaphore");
    List<SerialPoint> three = local(region(LockRegion.Kind.SEMAPHORE, permits, 3), ScopeKind.TASK);
    assertThat(three).hasSize(1);
    assertThat(three.get(0).kind()).isEqualTo(SerialPoint.Kind.SEMAPHORE);
    assertThat(three.get(0).parallelism()).isEqualTo(3);
    assertThat(three.get(0).anchor()).isEqualTo(Anchor.GLOBAL);
    Receiver pool = Receiver.of(ReceiverKind.FIELD, "pool", "java.util.concurrent.ExecutorService");
    assertThat(local(region(LockRegion.Kind.EXECUTOR, pool, 2), ScopeKind.TASK).get(0).kind())
        .isEqualTo(SerialPoint.Kind.EXECUTOR);
    // Of unknown size: no point.
    assertThat(local(region(LockRegion.Kind.SEMAPHORE, permits, 0), ScopeKind.TASK)).isEmpty();
    assertThat(local(region(LockRegion.Kind.EXECUTOR, pool, 0), ScopeKind.TASK)).isEmpty();
  }

  @Test
  void readLocksLazyInitialisationAndShortSectionsAreNoPoints() {
    // Readers share a read lock, whatever size a front end gave it.
    for (int permits : new int[] {0, 1, 4}) {
      assertThat(local(region(LockRegion.Kind.READ_LOCK, THIS, permits), ScopeKind.METHOD))
          .isEmpty();
    }
    assertThat(local(region(LockRegion.Kind.WRITE_LOCK, THIS, 0), ScopeKind.METHOD)).hasSize(1);
    LockRegion lazy =
        new LockRegion(
            LockRegion.Kind.MONITOR,
            "this",
            THIS,
            false,
            0,
            at(3),
            PUBLISH,
            List.of(send(4)),
            true);
    assertThat(local(lazy, ScopeKind.METHOD)).isEmpty();
    LockRegion counter =
        region(
            LockRegion.Kind.MONITOR,
            THIS,
            false,
            0,
            CallSite.simple(LOCAL_WORK, Receiver.of(ReceiverKind.FIELD, "stats", "x"), at(4)));
    assertThat(local(counter, ScopeKind.METHOD)).isEmpty();
  }

  @Test
  void aLockOnAPerTaskObjectIsNoPoint() {
    Receiver fresh = Receiver.fresh("java.lang.Object", Optional.empty(), ReceiverKind.FRESH);
    Receiver item = Receiver.of(ReceiverKind.LOOP_ITEM, "account", "com.acme.Account");
    Receiver unknown = Receiver.of(ReceiverKind.UNKNOWN, "", "java.lang.Object");
    for (Receiver holder : List.of(fresh, item, unknown)) {
      assertWithMessage("%s", holder)
          .that(local(region(LockRegion.Kind.MONITOR, holder, 0), ScopeKind.TASK))
          .isEmpty();
    }
    // A static lock is one object whatever it is reached through.
    List<SerialPoint> statics =
        local(region(LockRegion.Kind.MONITOR, fresh, true, 0, send(4)), ScopeKind.METHOD);
    assertThat(statics).hasSize(1);
    assertThat(statics.get(0).anchor()).isEqualTo(Anchor.GLOBAL);
    assertThat(statics.get(0).identity()).startsWith("static ");
  }

  @Test
  void sharednessDependsOnTheScope() {
    for (ReceiverKind kind : List.of(ReceiverKind.THIS, ReceiverKind.FIELD)) {
      Receiver r = Receiver.of(kind, "x", "T");
      assertThat(SerialPoints.anchor(r, false, ScopeKind.METHOD)).hasValue(Anchor.RECEIVER);
      assertThat(SerialPoints.anchor(r, false, ScopeKind.TASK)).hasValue(Anchor.GLOBAL);
    }
    for (ReceiverKind kind : List.of(ReceiverKind.PARAMETER, ReceiverKind.LOCAL)) {
      Receiver r = Receiver.of(kind, "x", "T");
      // A helper's parameter is whatever its caller passes; captured by a task, one object.
      assertThat(SerialPoints.anchor(r, false, ScopeKind.METHOD)).isEmpty();
      assertThat(SerialPoints.anchor(r, false, ScopeKind.TASK)).hasValue(Anchor.GLOBAL);
    }
    Receiver stat = Receiver.of(ReceiverKind.STATIC, "LOCK", "T");
    assertThat(SerialPoints.anchor(stat, false, ScopeKind.METHOD)).hasValue(Anchor.GLOBAL);
    Receiver item = Receiver.of(ReceiverKind.LOOP_ITEM, "x", "T");
    assertThat(SerialPoints.anchor(item, true, ScopeKind.METHOD)).hasValue(Anchor.GLOBAL);
    assertThat(SerialPoints.anchor(item, false, ScopeKind.TASK)).isEmpty();
  }

  @Test
  void aStaticAccessorHandsEveryCallerTheSameObject() {
    MethodRef getInstance = MethodRef.of("com.acme.Registry", "getInstance");
    MethodRef borrow = MethodRef.of("com.acme.Pool", "borrow");
    Receiver singleton =
        Receiver.fresh("com.acme.Registry", Optional.of(getInstance), ReceiverKind.STATIC);
    Receiver borrowed = Receiver.fresh("com.acme.Conn", Optional.of(borrow), ReceiverKind.STATIC);
    Receiver fromField =
        Receiver.fresh("com.acme.Registry", Optional.of(getInstance), ReceiverKind.FIELD);
    assertThat(SerialPoints.anchor(singleton, false, ScopeKind.METHOD)).hasValue(Anchor.GLOBAL);
    assertThat(SerialPoints.anchor(borrowed, false, ScopeKind.TASK)).isEmpty();
    assertThat(SerialPoints.anchor(fromField, false, ScopeKind.TASK)).isEmpty();
  }

  @Test
  void aDeclaredResourceIsAPointOfItsDeclaredParallelism() {
    Receiver erp = Receiver.of(ReceiverKind.FIELD, "erp", "com.acme.ErpGateway");
    MethodRef query = MethodRef.of("com.acme.ErpGateway", "query");
    CallSite onField =
        CallSite.simple(query, erp, at(5))
            .withMarks(Marks.NONE, Marks.NONE, new Marks(Set.of(Mark.RESOURCE_PARALLELISM), 2));
    List<SerialPoint> found = local(onField, ScopeKind.TASK);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).kind()).isEqualTo(SerialPoint.Kind.DECLARED);
    assertThat(found.get(0).parallelism()).isEqualTo(2);
    assertThat(found.get(0).holder()).isEqualTo("'erp'");
    assertThat(found.get(0).identity()).isEqualTo("field erp com.acme.ErpGateway");

    CallSite onType =
        CallSite.simple(query, erp, at(5))
            .withMarks(Marks.NONE, Marks.of(Mark.SERIALIZED_RESOURCE), Marks.NONE);
    assertThat(local(onType, ScopeKind.TASK).get(0).holder()).isEqualTo("ErpGateway");
    assertThat(local(onType, ScopeKind.TASK).get(0).parallelism()).isEqualTo(1);

    // Deferred into a pool, or on a resource made per task: not this scope's point.
    MethodRef submit =
        MethodRef.of("java.util.concurrent.ExecutorService", "submit", "java.lang.Runnable");
    assertThat(local(onType.withRunVia(List.of(submit)), ScopeKind.TASK)).isEmpty();
    CallSite perTask =
        CallSite.simple(
                query,
                Receiver.fresh("com.acme.ErpGateway", Optional.empty(), ReceiverKind.FRESH),
                at(5))
            .withMarks(Marks.NONE, Marks.of(Mark.SERIALIZED_RESOURCE), Marks.NONE);
    assertThat(local(perTask, ScopeKind.TASK)).isEmpty();
    // No declaration: no point.
    assertThat(local(CallSite.simple(query, erp, at(5)), ScopeKind.TASK)).isEmpty();
  }

  @Test
  void aSynchronizedLibraryMethodIsAPointOnlyIfItWaits() {
    CallSite waits = send(6).withTargetSynchronized(true);
    List<SerialPoint> found = local(waits, ScopeKind.TASK);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).kind()).isEqualTo(SerialPoint.Kind.LIBRARY_SYNCHRONIZED);
    assertThat(found.get(0).parallelism()).isEqualTo(1);
    assertThat(local(send(6), ScopeKind.TASK)).isEmpty();
    CallSite println =
        CallSite.simple(
                MethodRef.of("java.io.PrintStream", "println", "java.lang.String"),
                Receiver.of(ReceiverKind.STATIC, "out", "java.io.PrintStream"),
                at(7))
            .withTargetSynchronized(true);
    assertThat(local(println, ScopeKind.TASK)).isEmpty();
  }

  @Test
  void aReceiverPointStaysSharedOnlyThroughASharedReceiver() {
    SerialPoint inPublish =
        local(region(LockRegion.Kind.MONITOR, THIS, 0), ScopeKind.METHOD).get(0);
    CallSite onField = CallSite.simple(PUBLISH, SESSION, at(9));
    SerialPoint viaField = points.through(inPublish, onField, ScopeKind.TASK).orElseThrow();
    assertThat(viaField.anchor()).isEqualTo(Anchor.GLOBAL);
    assertThat(viaField.via()).isEqualTo("session");
    assertThat(viaField.path()).containsExactly(new Hop("session.publish", at(9)));
    assertThat(points.through(inPublish, onField, ScopeKind.METHOD).orElseThrow().anchor())
        .isEqualTo(Anchor.RECEIVER);

    CallSite onParameter =
        CallSite.simple(
            PUBLISH, Receiver.of(ReceiverKind.PARAMETER, "s", "com.acme.RelaySession"), at(9));
    assertThat(points.through(inPublish, onParameter, ScopeKind.METHOD)).isEmpty();
    CallSite onItem =
        CallSite.simple(
            PUBLISH, Receiver.of(ReceiverKind.LOOP_ITEM, "s", "com.acme.RelaySession"), at(9));
    assertThat(points.through(inPublish, onItem, ScopeKind.TASK)).isEmpty();

    // A global point stays global whatever the call is made on.
    SerialPoint global =
        local(region(LockRegion.Kind.MONITOR, THIS, true, 0, send(4)), ScopeKind.METHOD).get(0);
    assertThat(points.through(global, onItem, ScopeKind.TASK).orElseThrow().anchor())
        .isEqualTo(Anchor.GLOBAL);
  }

  @Test
  void onePointPerLockTheShortestPathWins() {
    SerialPoint direct = local(region(LockRegion.Kind.MONITOR, THIS, 0), ScopeKind.METHOD).get(0);
    SerialPoint deeper = direct.after(new Hop("a", at(1)), Anchor.RECEIVER, "");
    Map<String, SerialPoint> map = new LinkedHashMap<>();
    assertThat(SerialPoints.merge(map, deeper)).isTrue();
    assertThat(SerialPoints.merge(map, direct)).isTrue();
    assertThat(SerialPoints.merge(map, deeper)).isFalse();
    assertThat(map).containsExactly(direct.identity(), direct);
    assertThat(SerialPoints.index(List.of(deeper, direct, deeper)).values())
        .containsExactly(direct);
  }

  @Test
  void chainsNameCallsAsTheyAreWritten() {
    assertThat(SerialPoints.hop(CallSite.simple(PUBLISH, SESSION, at(2))).name())
        .isEqualTo("session.publish");
    assertThat(SerialPoints.hop(CallSite.simple(PUBLISH, THIS, at(2))).name()).isEqualTo("publish");
    assertThat(
            SerialPoints.hop(
                    CallSite.simple(
                        MethodRef.of("com.acme.Client", MethodRef.CONSTRUCTOR),
                        Receiver.none(),
                        at(2)))
                .name())
        .isEqualTo("new Client");
    assertThat(SerialPoints.hop(CallSite.simple(PUBLISH, Receiver.none(), at(2))).name())
        .isEqualTo(PUBLISH.displayName());
  }
}
