package dev.lockstep.classfiles;

import static com.google.common.truth.Truth.assertThat;
import static dev.lockstep.classfiles.CompiledLibrary.lineOf;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.MethodSummary;
import dev.lockstep.analysis.summary.Summaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts of real class files, compiled and jarred in the test. */
class ClassFileFactsTest {
  static final String RPC =
      """
      package acme;
      import java.io.IOException;
      import java.io.OutputStream;
      import java.net.Socket;
      import java.util.concurrent.CountDownLatch;
      public class RpcClient implements Api {
        private final OutputStream out;
        private volatile CountDownLatch reply;
        public RpcClient(String host, int port) throws IOException {
          out = new Socket(host, port).getOutputStream();
        }
        public String call(String item) throws IOException, InterruptedException {
          if (item == null) throw new IllegalArgumentException("item");
          CountDownLatch latch = new CountDownLatch(1);
          reply = latch;
          out.write(item.getBytes());
          out.flush();
          latch.await();
          return item;
        }
        public void maybe(String item, boolean fast) throws IOException {
          if (fast) {
            out.flush();
          }
        }
        public synchronized void locked(String item) throws IOException {
          out.flush();
        }
      }
      """;

  static final String API =
      """
      package acme;
      public interface Api {
        String call(String item) throws java.io.IOException, InterruptedException;
      }
      """;

  /** An interface with two implementations: which one runs is not the jar's to say. */
  static final String SHAPES =
      """
      package acme;
      public interface Shape { double area(); }
      """;

  static final String SQUARE =
      """
      package acme;
      public class Square implements Shape { public double area() { return 1; } }
      """;

  static final String CIRCLE =
      """
      package acme;
      public class Circle implements Shape { public double area() { return 3; } }
      """;

  static final String POOL =
      """
      package acme;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.Semaphore;
      public class Pool {
        private final Semaphore permits = new Semaphore(4);
        private final CountDownLatch ready = new CountDownLatch(1);
        public Object borrow() throws InterruptedException {
          ready.await();
          permits.acquire();
          return new Object();
        }
      }
      """;

  static final String LIFECYCLE =
      """
      package acme;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.locks.ReentrantLock;
      public class Lifecycle {
        private final ReentrantLock lock = new ReentrantLock();
        private final CountDownLatch started = new CountDownLatch(1);
        public void start() throws InterruptedException {
          lock.lock();
          try {
            started.await();
          } finally {
            lock.unlock();
          }
        }
        public void stop() throws InterruptedException {
          synchronized (this) {
            wait(10);
          }
        }
      }
      """;

  /** Send in one library method, park in another: {@code channel.send(s).get()}. */
  static final String PENDING =
      """
      package acme;
      import java.util.concurrent.CountDownLatch;
      public class Pending {
        private final CountDownLatch done = new CountDownLatch(1);
        private String value;
        public String get() throws InterruptedException {
          done.await();
          return value;
        }
        public void complete(String v) {
          value = v;
          done.countDown();
        }
      }
      """;

  static final String CHANNEL =
      """
      package acme;
      import java.io.IOException;
      import java.nio.ByteBuffer;
      import java.nio.channels.SocketChannel;
      public class Channel {
        private final SocketChannel ch;
        public Channel(SocketChannel ch) { this.ch = ch; }
        public Pending send(String s) throws IOException {
          ch.write(ByteBuffer.wrap(s.getBytes()));
          return new Pending();
        }
      }
      """;

  static final String CLIENT =
      """
      package acme;
      public class Client {
        private final Channel channel;
        public Client(Channel channel) { this.channel = channel; }
        public String call(String s) throws Exception {
          Pending p = channel.send(s);
          return p.get();
        }
        public String checkout(Pool pool) throws Exception {
          return pool.borrow().toString();
        }
      }
      """;

  static Path jar;

  @BeforeAll
  static void compile(@TempDir Path dir) throws IOException {
    jar =
        CompiledLibrary.jar(
            dir,
            "acme-rpc-2.1.jar",
            Map.of(
                "acme/RpcClient.java", RPC,
                "acme/Pool.java", POOL,
                "acme/Lifecycle.java", LIFECYCLE,
                "acme/Pending.java", PENDING,
                "acme/Channel.java", CHANNEL,
                "acme/Client.java", CLIENT,
                "acme/Api.java", API,
                "acme/Shape.java", SHAPES,
                "acme/Square.java", SQUARE,
                "acme/Circle.java", CIRCLE));
  }

  private static ClassFileFacts facts() {
    return new ClassFileFacts(new ClassPathRoots(List.of(jar)), Catalogue.builtin(), 6);
  }

  private static MethodFacts read(ClassFileFacts facts, String method) {
    return facts.factsFor(MethodRef.parse(method)).orElseThrow();
  }

  private static CallSite call(MethodFacts facts, String name) {
    return facts.calls().stream()
        .filter(c -> c.target().displayName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + facts.calls()));
  }

  private static List<String> names(MethodFacts facts) {
    return facts.calls().stream().map(c -> c.target().displayName()).toList();
  }

  @Test
  void sendThenParkKeepsThePark() {
    MethodFacts call = read(facts(), "acme.RpcClient#call(java.lang.String)");
    CallSite await = call(call, "CountDownLatch.await");
    assertThat(await.targetMarks().has(Mark.BLOCKING)).isTrue();
    assertThat(await.guard()).isEqualTo(Guard.ALWAYS); // the precondition's throw is no exit
    assertThat(await.location().file()).isEqualTo("acme-rpc-2.1.jar");
    assertThat(await.location().classFile()).isTrue();
    assertThat(await.location().line()).isEqualTo(lineOf(RPC, "latch.await()"));
    // The send before it is part of that round trip: the park names it.
    assertThat(call(call, "OutputStream.flush").targetMarks().has(Mark.NON_BLOCKING)).isTrue();
  }

  @Test
  void callsReadWhatTheyAreMadeOn() {
    MethodFacts call = read(facts(), "acme.RpcClient#call(java.lang.String)");
    CallSite flush = call(call, "OutputStream.flush");
    assertThat(flush.receiver().kind()).isEqualTo(ReceiverKind.FIELD);
    assertThat(flush.receiver().name()).isEqualTo("out");
    assertThat(flush.receiver().type()).isEqualTo("java.io.OutputStream");
    assertThat(flush.matchOwners()).containsAtLeast("java.io.OutputStream", "java.io.Flushable");
    CallSite getBytes = call(call, "String.getBytes");
    assertThat(getBytes.receiver().kind()).isEqualTo(ReceiverKind.PARAMETER);
    assertThat(getBytes.receiver().name()).isEqualTo("item");
    CallSite await = call(call, "CountDownLatch.await");
    assertThat(await.receiver().kind()).isEqualTo(ReceiverKind.FRESH);
    assertThat(await.receiver().name()).isEqualTo("latch");
    MethodFacts ctor = read(facts(), "acme.RpcClient#<init>(java.lang.String,int)");
    CallSite stream = call(ctor, "Socket.getOutputStream");
    assertThat(stream.receiver().kind()).isEqualTo(ReceiverKind.FRESH);
    assertThat(stream.receiver().producedBy()).isEmpty(); // new Socket(...)
  }

  @Test
  void aCallUnderABranchIsConditional() {
    MethodFacts maybe = read(facts(), "acme.RpcClient#maybe(java.lang.String,boolean)");
    CallSite flush = call(maybe, "OutputStream.flush");
    assertThat(flush.guard().kind()).isEqualTo(Guard.Kind.CONDITION);
    assertThat(flush.guard().condition()).contains("line " + lineOf(RPC, "if (fast)"));
  }

  @Test
  void synchronizedMethodsHoldTheirMonitor() {
    ClassFileFacts facts = facts();
    MethodFacts locked = read(facts, "acme.RpcClient#locked(java.lang.String)");
    LockRegion region = locked.lockRegions().get(0);
    assertThat(region.kind()).isEqualTo(LockRegion.Kind.MONITOR);
    assertThat(region.holder().kind()).isEqualTo(ReceiverKind.THIS);
    assertThat(region.calls()).hasSize(1);
    MethodFacts stop = read(facts, "acme.Lifecycle#stop()");
    assertThat(stop.lockRegions()).hasSize(1);
    assertThat(stop.lockRegions().get(0).holder().kind()).isEqualTo(ReceiverKind.THIS);
  }

  @Test
  void aPoolCheckoutIsNoWait() {
    MethodFacts borrow = read(facts(), "acme.Pool#borrow()");
    assertThat(names(borrow)).doesNotContain("CountDownLatch.await");
    assertThat(names(borrow)).contains("Semaphore.acquire"); // a lock: the judge says no wait
  }

  @Test
  void aLifecycleLatchAndLockAreNoWait() {
    MethodFacts start = read(facts(), "acme.Lifecycle#start()");
    assertThat(names(start)).doesNotContain("CountDownLatch.await");
    assertThat(names(read(facts(), "acme.Lifecycle#stop()"))).doesNotContain("Object.wait");
  }

  @Test
  void aParkInACalleeAfterASendIsTheWait() {
    MethodFacts call = read(facts(), "acme.Client#call(java.lang.String)");
    assertThat(call(call, "Pending.get").targetMarks().has(Mark.BLOCKING)).isTrue();
    assertThat(call(call, "Channel.send").targetMarks().has(Mark.NON_BLOCKING)).isTrue();
    // The same park with no send before it: a pool's checkout, left to the body (no wait).
    MethodFacts checkout = read(facts(), "acme.Client#checkout(acme.Pool)");
    assertThat(call(checkout, "Pool.borrow").targetMarks().isEmpty()).isTrue();
  }

  @Test
  void summariesFollowTheJarAndNameIt() {
    Summaries summaries = new Summaries(facts(), new CallJudge(Catalogue.builtin()), 6);
    MethodSummary rpc = summaries.of(MethodRef.parse("acme.RpcClient#call(java.lang.String)"));
    assertThat(rpc.waitChain().orElseThrow().render())
        .isEqualTo("CountDownLatch.await [acme-rpc-2.1.jar:" + lineOf(RPC, "latch.await()") + "]");
    MethodSummary client = summaries.of(MethodRef.parse("acme.Client#call(java.lang.String)"));
    assertThat(client.waitChain().orElseThrow().render())
        .contains("Pending.get [acme-rpc-2.1.jar:");
    assertThat(summaries.of(MethodRef.parse("acme.Client#checkout(acme.Pool)")).waits()).isFalse();
    assertThat(summaries.of(MethodRef.parse("acme.Pool#borrow()")).waits()).isFalse();
    assertThat(summaries.of(MethodRef.parse("acme.Lifecycle#start()")).waits()).isFalse();
  }

  @Test
  void anInterfaceMethodRunsItsOnlyImplementationInTheJar() {
    ClassFileFacts facts = facts();
    MethodFacts api = read(facts, "acme.Api#call(java.lang.String)");
    assertThat(api.method()).isEqualTo(MethodRef.parse("acme.Api#call(java.lang.String)"));
    assertThat(call(api, "CountDownLatch.await").targetMarks().has(Mark.BLOCKING)).isTrue();
    assertThat(facts.factsFor(MethodRef.parse("acme.Shape#area()"))).isEmpty(); // two of them
  }

  @Test
  void theJdkIsNotRead() {
    ClassFileFacts facts = facts();
    assertThat(facts.factsFor(MethodRef.parse("java.util.ArrayList#size()"))).isEmpty();
    assertThat(facts.classesRead()).isEqualTo(0);
  }

  @Test
  void eachClassIsReadOnce() {
    ClassFileFacts facts = facts();
    read(facts, "acme.Pool#borrow()");
    read(facts, "acme.Pool#borrow()");
    assertThat(facts.classesRead()).isEqualTo(1);
  }
}
