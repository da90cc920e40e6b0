package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.lockstep.analysis.Fixtures.SEND;
import static dev.lockstep.analysis.Fixtures.call;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.LambdaPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LambdaPolicy}: a lambda handed to a method that runs it before returning waits in the
 * scope that creates it; one handed to a method that schedules or stores it does not.
 */
final class LambdaPolicyTest {
  private static MethodRef m(String owner, String name) {
    return MethodRef.of(owner, name, "java.lang.Object");
  }

  private static void runsNow(MethodRef consumer) {
    assertWithMessage("%s runs its lambda now", consumer)
        .that(LambdaPolicy.runsSynchronously(consumer))
        .isTrue();
  }

  private static void deferred(MethodRef consumer) {
    assertWithMessage("%s keeps its lambda for later", consumer)
        .that(LambdaPolicy.runsSynchronously(consumer))
        .isFalse();
  }

  @Test
  void collectionsOptionalsAndStreamsRunTheLambdaNow() {
    runsNow(m("java.lang.Iterable", "forEach"));
    runsNow(m("java.util.List", "forEach"));
    runsNow(m("java.util.Map", "computeIfAbsent"));
    runsNow(m("java.util.Optional", "map"));
    runsNow(m("java.util.stream.Stream", "map"));
    runsNow(m("java.util.stream.Stream", "forEach"));
    // Concurrent collections are java.util.concurrent, but their methods run what they get.
    runsNow(m("java.util.concurrent.ConcurrentHashMap", "computeIfAbsent"));
    runsNow(m("java.util.concurrent.CopyOnWriteArrayList", "forEach"));
  }

  @Test
  void executorsFuturesAndThreadsDeferTheLambda() {
    deferred(m("java.util.concurrent.ExecutorService", "submit"));
    deferred(m("java.util.concurrent.Executor", "execute"));
    deferred(m("java.util.concurrent.CompletableFuture", "supplyAsync"));
    deferred(m("java.util.concurrent.CompletableFuture", "thenApply"));
    deferred(m("java.lang.Thread", "<init>"));
    deferred(m("java.util.Timer", "schedule"));
    deferred(m("reactor.core.publisher.Flux", "map"));
    deferred(m("com.google.common.util.concurrent.Futures", "transform"));
  }

  @Test
  void aStoredLambdaIsDeferred() {
    deferred(CallSite.STORED);
    // Storing into a collection, even a java.util one: the tasks run later (invokeAll).
    deferred(m("java.util.List", "add"));
    deferred(m("java.util.Map", "put"));
    deferred(m("java.util.Deque", "push"));
    deferred(m("com.acme.Tasks", "addTask"));
    deferred(m("com.acme.Button", "setHandler"));
  }

  @Test
  void unknownMethodsRunTheLambdaUnlessTheirNameSaysOtherwise() {
    runsNow(m("com.acme.Retry", "retry"));
    runsNow(m("com.acme.Db", "inTransaction"));
    deferred(m("com.acme.Bus", "submit"));
    deferred(m("com.acme.Bus", "onMessage"));
    deferred(m("com.acme.Client", "fetchAsync"));
    deferred(m("com.acme.Loop", "scheduleEvery"));
    // A prefix counts only as a whole word: "online", "settle", "address" and "post" differ.
    runsNow(m("com.acme.Net", "online"));
    runsNow(m("com.acme.Acct", "settle"));
    runsNow(m("com.acme.Mail", "address"));
    deferred(m("com.acme.Mail", "post"));
  }

  @Test
  void aCallRunsInScopeOnlyIfEveryLambdaAroundItRunsNow() {
    CallSite plain = call(SEND, 5);
    assertThat(LambdaPolicy.runsInScope(plain)).isTrue();
    MethodRef forEach = m("java.lang.Iterable", "forEach");
    MethodRef map = m("java.util.Optional", "map");
    MethodRef submit = m("java.util.concurrent.ExecutorService", "submit");
    assertThat(LambdaPolicy.runsInScope(plain.withRunVia(List.of(forEach)))).isTrue();
    assertThat(LambdaPolicy.runsInScope(plain.withRunVia(List.of(forEach, map)))).isTrue();
    assertThat(LambdaPolicy.runsInScope(plain.withRunVia(List.of(submit)))).isFalse();
    assertThat(LambdaPolicy.runsInScope(plain.withRunVia(List.of(forEach, submit)))).isFalse();
    assertThat(LambdaPolicy.runsInScope(plain.withRunVia(List.of(CallSite.STORED)))).isFalse();
  }
}
