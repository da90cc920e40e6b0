package dev.lockstep.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import org.junit.jupiter.api.Test;

/**
 * SerialFanOut's test before lowering may skip a method only when no two statements in a row can
 * wait, and SerialAwaitInLoop's a loop only when none of its calls can: what they skip is never
 * read, so a wrong "cannot wait" would lose findings silently. Probe checks report every method and
 * loop the tests let through.
 */
// The fixtures are laid out for the reader.
@SuppressWarnings("MisformattedTestData")
final class StatementsThatMayWaitTest {

  /** Reports a method when two statements in a row of it may wait. */
  @BugPattern(summary = "two statements in a row may wait", severity = WARNING)
  public static final class MayWaitProbe extends BugChecker implements MethodTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null) {
        return Description.NO_MATCH;
      }
      LockstepCompilation compilation =
          LockstepCompilation.of(
              state,
              ErrorProneLockstepConfig.forFanOut(ErrorProneFlags.empty(), "MayWaitProbe").config());
      return compilation.statementsThatMayWait.twoInARow(tree.getBody())
          ? describeMatch(tree)
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MayWaitProbe.class, getClass());

  /**
   * On each method named {@code probe*}: SerialFanOut's answer and how many bodies each of the two
   * tests has read so far in the compilation.
   */
  @BugPattern(summary = "what the tests read", severity = WARNING)
  public static final class ReadProbe extends BugChecker implements MethodTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().startsWith("probe")) {
        return Description.NO_MATCH;
      }
      LockstepCompilation compilation =
          LockstepCompilation.of(
              state,
              ErrorProneLockstepConfig.forFanOut(ErrorProneFlags.empty(), "ReadProbe").config());
      boolean two = compilation.statementsThatMayWait.twoInARow(tree.getBody());
      return buildDescription(tree)
          .setMessage(
              "twoInARow="
                  + two
                  + " fanOutBodies="
                  + compilation.statementsThatMayWait.bodiesRead()
                  + " loopBodies="
                  + compilation.loopsThatMayWait.bodiesRead()
                  + " fanOutDecided="
                  + compilation.statementsThatMayWait.decided()
                  + " loopDecided="
                  + compilation.loopsThatMayWait.decided()
                  + " summaryBodies="
                  + compilation.bodiesThatMayWait.bodiesRead()
                  + " summaryDecided="
                  + compilation.bodiesThatMayWait.decided())
          .build();
    }
  }

  /**
   * Two waits count only where the reader may find them in one run: statements one after the other
   * in a block with no control flow between (a statement without a call does not end it), not in
   * the blocks it does not read (a lambda's, a catch's, a finally's, a synchronized one, a loop
   * over items'). Counting the calls on either side of an {@code if} or a {@code try}, or in a
   * lambda, let the test pass nine in ten of the methods it passed on connect-runtime for nothing.
   */
  @Test
  void twoWaitsCountOnlyInOneRun() {
    helper
        .addSourceLines(
            "test/Runs.java",
            """
            package test;
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.util.List;
            class Runs {
              private static final HttpClient HTTP = HttpClient.newHttpClient();
              static String send(String id) throws Exception {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void apart(String a, String b) throws Exception {
                String x = send(a);
                int n = 2;
                String y = send(b);
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void inABranch(boolean c, String a, String b) throws Exception {
                if (c) {
                  send(a);
                  send(b);
                }
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              String returned(String a, String b) throws Exception {
                send(a);
                return send(b);
              }
              void aBranchBetween(boolean c, String a, String b) throws Exception {
                send(a);
                if (c) {
                  b = b.trim();
                }
                send(b);
              }
              void aTryBetween(String a, String b) throws Exception {
                send(a);
                try {
                  b = b.trim();
                } finally {
                  a = null;
                }
                send(b);
              }
              void inALambda(List<String> ids) {
                Runnable r = () -> {
                  try { send("a"); send("b"); } catch (Exception e) { }
                };
              }
              void inACatch(String a, String b) {
                try {
                  a = a.trim();
                } catch (RuntimeException e) {
                  try { send(a); send(b); } catch (Exception f) { }
                }
              }
              void inAFinally(String a, String b) throws Exception {
                try {
                  a = a.trim();
                } finally {
                  send(a);
                  send(b);
                }
              }
              void inASynchronizedBlock(String a, String b) throws Exception {
                synchronized (this) {
                  send(a);
                  send(b);
                }
              }
              void inALoopOverItems(List<String> ids) throws Exception {
                for (String id : ids) {
                  send(id);
                  send(id + "/more");
                }
              }
              void inASwitchCase(int k, String a, String b) throws Exception {
                switch (k) {
                  case 1:
                    send(a);
                    send(b);
                    break;
                  default:
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * SerialFanOut's test takes SerialAwaitInLoop's "no" (its tags include SerialFanOut's), and that
   * one the summaries' test's (it counts a pause too: ADR 0029), instead of reading a body again; a
   * narrower test reads a body itself only where the wider one found a wait, and then counts only
   * its own tags (a channel read is not SerialFanOut's). A narrower test takes the wider test's
   * decision for a method that never waits by itself, or that the catalogue may name, too: {@code
   * plain}, {@code plainToo}, {@code trim}, {@code toLowerCase}, then {@code readOnce} and {@code
   * read} are each decided once, by the summaries' test. So is every decision but a library
   * method's "may wait" (the one answer that depends on the tags): {@code marked}, which waits by
   * its {@code @Blocking}, is decided once too.
   */
  @Test
  void theFanOutTestTakesTheLoopTestsNo() {
    CompilationTestHelper.newInstance(ReadProbe.class, getClass())
        .addSourceLines(
            "test/Wider.java",
            """
            package test;
            import dev.lockstep.annotations.Blocking;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            class Wider {
              @Blocking static void marked() {}
              static String plain(String s) { return s.trim(); }
              static String plainToo(String s) { return plain(s).toLowerCase(); }
              static int readOnce(SocketChannel ch, ByteBuffer b) throws Exception {
                return ch.read(b);
              }
              // BUG: Diagnostic contains: twoInARow=false fanOutBodies=0 loopBodies=0 fanOutDecided=0 loopDecided=0 summaryBodies=2 summaryDecided=4
              void probe(String a) { plain(a); plainToo(a); }
              // BUG: Diagnostic contains: twoInARow=false fanOutBodies=1 loopBodies=1 fanOutDecided=0 loopDecided=0 summaryBodies=3 summaryDecided=6
              void probeChannel(SocketChannel ch, ByteBuffer b) throws Exception {
                readOnce(ch, b);
                readOnce(ch, b);
              }
              // BUG: Diagnostic contains: twoInARow=true fanOutBodies=1 loopBodies=1 fanOutDecided=0 loopDecided=0 summaryBodies=3 summaryDecided=7
              void probeMarked() {
                marked();
                marked();
              }
            }
            """)
        .doTest();
  }

  /**
   * Collections (concurrent ones too), strings, buffers, locks and helpers of the sources that only
   * use them cannot wait.
   */
  @Test
  void skipsWhatCannotWait() {
    helper
        .addSourceLines(
            "test/Plain.java",
            """
            package test;
            import java.util.List;
            import java.util.Map;
            final class Plain {
              static String trim(String s) { return s.trim().toLowerCase(); }
              private static int twice(int x) { return Math.max(x, 0) * 2 + trim("a").length(); }
              void fill(List<String> list, Map<String, Integer> map, String s) {
                list.add(trim(s));
                map.put(s, twice(s.length()));
                String.valueOf(list.size());
              }
              // A lock the catalogue names, a concurrent map, a buffer: none joins a group.
              void concurrentData(
                  java.util.concurrent.locks.Lock lock,
                  java.util.concurrent.ConcurrentMap<String, String> cache,
                  java.nio.ByteBuffer buffer) {
                lock.lock();
                cache.putIfAbsent("a", "b");
                buffer.asReadOnlyBuffer();
                lock.unlock();
              }
            }
            """)
        .doTest();
  }

  /**
   * Waits two helpers down, catalogued futures, and methods whose override or implementation in the
   * sources waits may wait; an overridable method no class of the sources makes wait does not.
   */
  @Test
  void keepsWhatMayWait() {
    helper
        .addSourceLines(
            "test/Waits.java",
            """
            package test;
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Waits {
              private static final HttpClient HTTP = HttpClient.newHttpClient();
              private static String send(String id) throws Exception {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
              }
              static String fetch(String id) throws Exception { return send(id.trim()); }
              String overridable(String id) { return id; }
              // An abstract override has no body to wait in.
              abstract static class Middle extends Waits {
                @Override abstract String overridable(String id);
              }
              String overriddenToWait(String id) { return id; }
              static class Remote extends Waits {
                @Override String overriddenToWait(String id) {
                  try { return send(id); } catch (Exception e) { return id; }
                }
              }
              interface Source { String read(String id) throws Exception; }
              static final class HttpSource implements Source {
                @Override public String read(String id) throws Exception { return send(id); }
              }
              interface Names { String name(String id); }
              static final class Upper implements Names {
                @Override public String name(String id) { return id.toUpperCase(); }
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void twoHelpersDown(String a, String b) throws Exception {
                fetch(a);
                fetch(b);
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void futuresStartedHere(ExecutorService pool) throws Exception {
                Future<String> x = pool.submit(() -> "x");
                pool.submit(() -> "y").get();
                x.get();
              }
              // The summaries count an await only on what the scope started (CallJudge): a future
              // handed in, kept in a field or a parameter's field was started elsewhere.
              private Future<String> pending;
              record Pending(Future<String> result) {}
              void futuresStartedElsewhere(Future<String> x, Future<String> y, Pending job)
                  throws Exception {
                x.get();
                y.get();
                this.pending.get();
                pending.get();
                job.result.get();
              }
              // Handed out by a collection or a getter, also through a local: started elsewhere.
              void futuresHandedOut(
                  List<Future<String>> fs, java.util.Map<String, CompletableFuture<String>> m)
                  throws Exception {
                Future<String> first = fs.get(0);
                first.get();
                m.get("a").join();
                CompletableFuture<String> taken = (CompletableFuture<String>) m.remove("b");
                taken.join();
                Object old; // Caffeine's refreshIfNeeded: set in a condition, then joined
                if ((old = m.get("c")) != null) {
                  ((CompletableFuture<?>) old).join();
                }
              }
              // Caffeine's Async.isReady: a helper that joins its parameter once it is done.
              static boolean isReady(CompletableFuture<?> f) {
                return f != null && f.isDone() && !f.isCompletedExceptionally() && f.join() != null;
              }
              void helpersThatJoinTheirParameter(CompletableFuture<?> a, CompletableFuture<?> b) {
                isReady(a);
                isReady(b);
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void aSubclassMay(String a) {
                overriddenToWait(a);
                overriddenToWait(a);
              }
              private final Source source = new HttpSource();
              private final Callable<String> task = () -> send("t");
              private final Runnable other = () -> { };
              // BUG: Diagnostic contains: two statements in a row may wait
              void anImplementationMay() throws Exception {
                source.read("a");
                source.read("b");
              }
              void noOverrideWaits(String a) {
                overridable(a);
                overridable(a);
              }
              void noImplementationWaits(Names names) {
                names.name("a");
                names.name("b");
              }
              private static void ping(int n) throws Exception { if (n > 0) pong(n - 1); }
              private static void pong(int n) throws Exception {
                if (n > 0) { ping(n - 1); } else { fetch("x"); }
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void aCycleThatWaits() throws Exception {
                ping(1);
                ping(2);
              }
              private static boolean even(int n) { return n == 0 || odd(n - 1); }
              private static boolean odd(int n) { return n != 0 && even(n - 1); }
              void aCycleThatDoesNot() {
                even(3);
                odd(4);
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void tasksOfTheSources() throws Exception {
                task.call();
                other.run();
              }
              // On parameters the summaries run no override (ADR 0012): nothing to read.
              void anImplementationThroughParameters(Source a, Source b) throws Exception {
                a.read("a");
                b.read("b");
              }
              void overridesThroughParameters(Waits a, Waits b) {
                a.overriddenToWait("a");
                b.overriddenToWait("b");
              }
              void tasksThroughParameters(Callable<String> a, Runnable b) throws Exception {
                a.call();
                b.run();
              }
              private Source source() { return new HttpSource(); }
              // Fields no new is assigned to, and static ones that are not final: the summaries
              // take no class from them (ADR 0012), so no override runs.
              private final Source fromResult = source();
              private static Source shared = new HttpSource();
              void anImplementationThroughFieldsOfResults() throws Exception {
                fromResult.read("a");
                fromResult.read("b");
              }
              void anImplementationThroughStaticFields() throws Exception {
                shared.read("a");
                shared.read("b");
              }
              void anImplementationThroughResults() throws Exception {
                source().read("a");
                source().read("b");
              }
              void anImplementationThroughLocalsOfResults() throws Exception {
                Source a = source();
                Source b = (Source) source();
                a.read("a");
                b.read("b");
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void anImplementationThroughLocalsOfNews() throws Exception {
                Source a = new HttpSource();
                Source b = true ? new HttpSource() : new HttpSource();
                a.read("a");
                b.read("b");
              }
              // On this, a subclass's body may run: the overrides in the sources are read.
              abstract static class Job implements Callable<String> {
                // BUG: Diagnostic contains: two statements in a row may wait
                String twice() throws Exception {
                  call();
                  this.call();
                  return "";
                }
              }
              // No class of the sources implements Runnable: on this, nothing to wait in.
              abstract static class Quiet implements Runnable {
                void twice() {
                  run();
                  this.run();
                }
              }
              static final class RemoteJob extends Job {
                @Override public String call() throws Exception { return send("j"); }
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void inALambda(List<String> ids) throws Exception {
                ids.forEach(id -> { try { send(id); } catch (Exception e) { } });
                fetch("x");
              }
              // BUG: Diagnostic contains: two statements in a row may wait
              void aStatementBetween(String a) throws Exception {
                fetch(a);
                int n = a.length();
                fetch(a + n);
              }
              void oneOnly(String a) throws Exception {
                fetch(a);
                a.trim();
              }
            }
            """)
        .doTest();
  }

  /** {@code @Blocking} on a method of the sources says it waits, whatever its body. */
  @Test
  void keepsWhatIsDeclaredBlocking() {
    helper
        .addSourceLines(
            "test/Declared.java",
            """
            package test;
            import dev.lockstep.annotations.Blocking;
            final class Declared {
              @Blocking(reason = "a remote call the sources do not show")
              static void remote() {}
              // BUG: Diagnostic contains: two statements in a row may wait
              void twice() {
                remote();
                remote();
              }
            }
            """)
        .doTest();
  }

  /** Reports a loop when one of its calls may wait with a tag SerialAwaitInLoop reports. */
  @BugPattern(summary = "a call of the loop may wait", severity = WARNING)
  public static final class LoopMayWaitProbe extends BugChecker
      implements EnhancedForLoopTreeMatcher, WhileLoopTreeMatcher, MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
      return probe(tree, state);
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return ASTHelpers.getSymbol(tree).getSimpleName().contentEquals("forEach")
          ? probe(tree, state)
          : Description.NO_MATCH;
    }

    private Description probe(Tree loop, VisitorState state) {
      LockstepCompilation compilation =
          LockstepCompilation.of(state, ErrorProneLockstepConfig.defaults().config());
      return compilation.loopsThatMayWait.anyCall(loop)
          ? describeMatch(loop)
          : Description.NO_MATCH;
    }
  }

  /**
   * SerialAwaitInLoop reads only loops with a call that may wait: a round trip, an await or a
   * channel wait (which SerialFanOut's test does not count), in the body, the header or a lambda. A
   * loop that only pauses, locks or touches data is skipped, as its verdict could only be clean.
   */
  @Test
  void loopsThatMayWait() {
    CompilationTestHelper.newInstance(LoopMayWaitProbe.class, getClass())
        .addSourceLines(
            "test/Loops.java",
            """
            package test;
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.sql.Connection;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.locks.Lock;
            final class Loops {
              private static final HttpClient HTTP = HttpClient.newHttpClient();
              private static String send(String id) throws Exception {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
              }
              private static String helper(String id) throws Exception { return send(id.trim()); }
              void data(List<String> ids, Map<String, Integer> counts) {
                for (String id : ids) {
                  counts.merge(id.trim(), 1, Integer::sum);
                }
              }
              void paced(List<String> ids) throws InterruptedException {
                for (String id : ids) {
                  Thread.sleep(id.length());
                }
              }
              void locked(List<String> ids, Lock lock) {
                for (String id : ids) {
                  lock.lock();
                  lock.unlock();
                }
              }
              void roundTrips(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: a call of the loop may wait
                for (String id : ids) {
                  helper(id);
                }
              }
              void queries(List<String> ids, Connection connection) throws Exception {
                // BUG: Diagnostic contains: a call of the loop may wait
                for (String id : ids) {
                  connection.prepareStatement("select " + id).executeQuery();
                }
              }
              void lambdas(List<String> ids) {
                // BUG: Diagnostic contains: a call of the loop may wait
                ids.forEach(id -> { try { helper(id); } catch (Exception e) { } });
                ids.forEach(id -> id.trim());
              }
              void joinsStartedElsewhere(List<String> ids, CompletableFuture<String> done) {
                for (String id : ids) {
                  done.join();
                }
              }
              void joinsStartedHere(List<String> ids) {
                // BUG: Diagnostic contains: a call of the loop may wait
                for (String id : ids) {
                  CompletableFuture<String> f = CompletableFuture.supplyAsync(id::trim);
                  f.join();
                }
              }
              void header(Iterable<String> pages) throws Exception {
                // BUG: Diagnostic contains: a call of the loop may wait
                while (helper("next").isEmpty()) {
                  pages.toString();
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * A call on a protobuf-generated {@code BlockingInterface} is a round trip the catalogue knows by
   * its service's name, not by the interface's own supertypes ({@code GeneratedStubs}).
   */
  @Test
  void loopsOverGeneratedStubs() {
    CompilationTestHelper.newInstance(LoopMayWaitProbe.class, getClass())
        .addSourceLines(
            "com/google/protobuf/Service.java",
            "package com.google.protobuf;",
            "public interface Service {}")
        .addSourceLines(
            "test/Regions.java",
            """
            package test;
            import java.util.List;
            final class Regions {
              abstract static class TableService implements com.google.protobuf.Service {
                interface BlockingInterface {
                  String flushRegion(Object controller, String region);
                }
              }
              void flushAll(List<String> regions, TableService.BlockingInterface stub) {
                // BUG: Diagnostic contains: a call of the loop may wait
                for (String region : regions) {
                  stub.flushRegion(null, region);
                }
              }
            }
            """)
        .doTest();
  }
}
