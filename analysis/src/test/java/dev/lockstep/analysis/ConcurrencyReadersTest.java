package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Src;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.read.BodyScope;
import dev.lockstep.analysis.read.Declarations;
import dev.lockstep.analysis.read.LockCallReader;
import dev.lockstep.analysis.read.LockRegionReader;
import dev.lockstep.analysis.read.Parents;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.read.Values;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The concurrency readers over hand-lowered bodies: what any front end's lowering gives them. */
final class ConcurrencyReadersTest {
  private static final JType LOCK =
      type("java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.Lock");
  private static final JType SEMAPHORE = type("java.util.concurrent.Semaphore");
  private static final JType POOL =
      type("java.util.concurrent.ExecutorService", "java.util.concurrent.Executor");
  private static final JType RELAY = type("com.acme.Relay");
  private static final MethodRef RUN = MethodRef.of("com.acme.Jobs", "run");

  private int line;

  @Test
  void aLockRegionIsTheTryWhoseFinallyUnlocks() {
    // lock.lock(); try { relay.send(); } finally { lock.unlock(); } relay.flush();
    Var lock = field("lock", false, LOCK);
    Var relay = field("relay", false, RELAY);
    Call send = call(name(relay), "send", method(RELAY, "send", false));
    Block body =
        block(
            call(name(lock), "lock", method(LOCK, "lock", false)),
            new Node.Try(
                src("try"),
                List.of(),
                block(send),
                List.of(),
                block(call(name(lock), "unlock", method(LOCK, "unlock", false)))),
            call(name(relay), "flush", method(RELAY, "flush", false)));

    List<LockRegion> regions =
        new LockRegionReader(new Values(declarations(Map.of())))
            .methodRegions(body, RUN, at(1), false, false, new BodyScope().declareAll(body));

    assertThat(regions).hasSize(1);
    LockRegion region = regions.get(0);
    assertThat(region.kind()).isEqualTo(LockRegion.Kind.LOCK);
    assertThat(region.lock()).isEqualTo("lock");
    assertThat(region.holder().kind()).isEqualTo(ReceiverKind.FIELD);
    assertThat(region.calls()).hasSize(1);
    assertThat(region.calls().get(0).target().name()).isEqualTo("send");
  }

  @Test
  void aSemaphoreTakenBeforeEachSubmissionGatesThePool() {
    // for (Item item : items) {
    //   GATE.acquire();
    //   pool.execute(() -> { try { relay.send(); } finally { GATE.release(); } });
    // }
    Var gate = field("GATE", true, SEMAPHORE);
    Var pool = field("pool", false, POOL);
    Var relay = field("relay", false, RELAY);
    Var item = new Var(Var.Kind.LOCAL, "item", false, true, () -> RELAY, () -> Marks.NONE);
    Var items = new Var(Var.Kind.PARAMETER, "items", false, true, () -> RELAY, () -> Marks.NONE);
    JType executors = type("java.util.concurrent.Executors");
    Map<Var, Node> initializers =
        Map.of(
            gate,
            new Node.New(
                src("new Semaphore(4)", SEMAPHORE, null),
                null,
                List.of(literal(4)),
                Optional::empty,
                null),
            pool,
            call(
                new Node.TypeName(src("Executors"), executors.name()),
                "newFixedThreadPool",
                method(executors, "newFixedThreadPool", true, "int"),
                literal(16)));
    Node task =
        new Node.Lambda(
            src("() -> ..."),
            List.of(),
            block(
                new Node.Try(
                    src("try"),
                    List.of(),
                    block(call(name(relay), "send", method(RELAY, "send", false))),
                    List.of(),
                    block(call(name(gate), "release", method(SEMAPHORE, "release", false))))));
    Call execute = call(name(pool), "execute", method(POOL, "execute", false, "Runnable"), task);
    Block body =
        block(
            new Node.Loop(
                src("for"),
                Node.LoopKind.FOR_EACH,
                List.of(),
                null,
                List.of(),
                item,
                name(items),
                block(call(name(gate), "acquire", method(SEMAPHORE, "acquire", false)), execute)));

    Optional<PipelineReader.ReadPipeline> read =
        new PipelineReader(new LockRegionReader(new Values(declarations(initializers))))
            .read(execute, () -> new PipelineReader.Enclosing(body, RUN, Marks.NONE));

    assertThat(read).isPresent();
    Pipeline pipeline = read.orElseThrow().pipeline();
    assertThat(pipeline.kind()).isEqualTo(Pipeline.Kind.SEMAPHORE_GATED);
    assertThat(pipeline.window().getAsInt()).isEqualTo(4);
    assertThat(pipeline.windowText()).isEqualTo("GATE");
    assertThat(pipeline.taskCalls().stream().map(c -> c.target().name()))
        .containsExactly("send", "release")
        .inOrder();
  }

  @Test
  void aReleaseInAnAnonymousClassCounts() {
    // new Runnable() { public void run() { ... GATE.release(); } }
    Var gate = field("GATE", true, SEMAPHORE);
    Node.ClassBody anonymous = new Node.ClassBody(src("{ run() ... }"));
    Node task =
        new Node.New(src("new Runnable() {...}"), null, List.of(), Optional::empty, anonymous);
    Block run = block(call(name(gate), "release", method(SEMAPHORE, "release", false)));
    Declarations declarations =
        declarations(Map.of(), body -> body.src() == anonymous.src() ? List.of(run) : List.of());
    assertThat(new LockCallReader(new Values(declarations)).releasesAnywhere(task, gate, "GATE"))
        .isTrue();
    assertThat(
            new LockCallReader(new Values(declarations(Map.of())))
                .releasesAnywhere(task, gate, "GATE"))
        .isFalse();
  }

  @Test
  void aBranchWithoutBracesIsNoStatementOfABlock() {
    // { if (ready) pool.execute(task); }
    Call execute = call(null, "execute", null);
    Node.If guard = new Node.If(src("if"), literal(1), execute, null);
    Parents parents = new Parents(block(guard));
    assertThat(parents.statementOf(execute)).isEmpty();
    assertThat(parents.statementOf(guard.condition())).isPresent();
  }

  // -- Hand lowering -----------------------------------------------------------------------------

  private static JType type(String name, String... supertypes) {
    Set<String> closure = new HashSet<>(Arrays.asList(supertypes));
    closure.add(name);
    return JType.of(name, closure, false);
  }

  private static Var field(String name, boolean isStatic, JType type) {
    return new Var(Var.Kind.FIELD, name, isStatic, true, () -> type, () -> Marks.NONE);
  }

  private static Declarations declarations(Map<Var, Node> initializers) {
    return declarations(initializers, body -> List.of());
  }

  private static Declarations declarations(
      Map<Var, Node> initializers, Function<Node.ClassBody, List<Node>> classMethods) {
    return new Declarations() {
      @Override
      public Node fieldInitializer(Var field) {
        return initializers.get(field);
      }

      @Override
      public List<Node> methodBodiesBeside(Var field) {
        return List.of();
      }

      @Override
      public Optional<MethodBody> method(MethodRef method) {
        return Optional.empty();
      }

      @Override
      public List<Node> methodsOf(Node.ClassBody body) {
        return classMethods.apply(body);
      }

      @Override
      public Optional<Target> taskEntry(Node task) {
        return Optional.empty();
      }

      @Override
      public Optional<Target> implementation(Node.New created, String name, List<String> params) {
        return Optional.empty();
      }
    };
  }

  private static Target method(JType owner, String name, boolean isStatic, String... params) {
    return new Target(
        new MethodRef(owner.name(), name, List.of(params)),
        owner,
        owner.closure(),
        isStatic,
        false,
        false,
        Marks.NONE,
        Marks.NONE);
  }

  private Location at(int l) {
    return new Location("Jobs.java", l, 1);
  }

  private Src src(String text) {
    return src(text, JType.UNKNOWN, null);
  }

  private Src src(String text, JType type, Object constant) {
    return new Src(
        at(++line), new Object(), () -> type, () -> Optional.ofNullable(constant), () -> text);
  }

  private Node name(Var v) {
    return new Node.Name(src(v.name(), v.type(), null), v);
  }

  private Node literal(int n) {
    return new Node.Literal(src(String.valueOf(n), JType.UNKNOWN, n), n);
  }

  private Call call(Node receiver, String name, Target target, Node... args) {
    return new Node.Call(
        src(name + "(...)"), receiver, name, List.of(args), () -> Optional.ofNullable(target));
  }

  private Block block(Node... statements) {
    return new Node.Block(src("{...}"), List.of(statements));
  }
}
