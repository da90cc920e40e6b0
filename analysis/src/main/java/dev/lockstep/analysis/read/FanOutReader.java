package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link FanOut} a call starts: the pipelines {@link PipelineReader} reads (executors, {@code
 * supplyAsync}, virtual threads, parallel streams, windows), and the shapes it does not — {@code
 * new Thread(task).start()}, an async round trip ({@code HttpClient.sendAsync}, a method of the
 * sources that returns one, or a catalogued request that returns at once with its reply to come as
 * a future or to a callback: {@code [async]} and {@code [callback]} entries, ADR 0025), {@code
 * supplyAsync(task)} outside a loop and a stage's {@code thenApplyAsync(fn)} without an executor —
 * with the loop over items around it, if any.
 */
@SuppressWarnings("ReferenceEquality") // nodes are compared by identity on purpose
public final class FanOutReader {
  private static final String HTTP_CLIENT = "java.net.http.HttpClient";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String THREAD = "java.lang.Thread";

  private static final String COUNT_DOWN_LATCH = "java.util.concurrent.CountDownLatch";

  /**
   * Calls in an iteration that bound what it started: awaits (of a future, a thread, a latch the
   * callback counts down) and permits.
   */
  private static final Set<String> BOUNDING =
      Set.of("join", "get", "await", "acquire", "tryAcquire");

  private final PipelineReader pipelines;
  private final Declarations declarations;
  private final IdentityHashMap<Node, Parents> parents = new IdentityHashMap<>();

  public FanOutReader(PipelineReader pipelines, Declarations declarations) {
    this.pipelines = pipelines;
    this.declarations = declarations;
  }

  /**
   * Whether a call of this name may start a fan-out: the cheap filter a front end runs before any
   * resolution. Parallel streams are found by their chain ({@code parallel}, {@code
   * parallelStream}), as {@link PipelineReader} finds them.
   */
  public static boolean mayStart(String name) {
    return PipelineCalls.CANDIDATES.contains(name) || name.endsWith("Async");
  }

  /**
   * {@link #mayStart(String)}, or the name of a catalogued request that returns at once ({@link
   * Catalogue#mayStartRequest}: a set lookup, the set built once per catalogue).
   */
  public static boolean mayStart(String name, Catalogue catalogue) {
    return mayStart(name) || catalogue.mayStartRequest(name);
  }

  /**
   * The fan-out {@code call} starts, or empty.
   *
   * @param enclosing the method around the call; null when it is in none
   * @param catalogue the wait catalogue of the check's config: its {@code [async]} and {@code
   *     [callback]} entries are requests that return at once
   */
  public Optional<FanOut> read(
      Call call, Supplier<PipelineReader.Enclosing> enclosing, Catalogue catalogue) {
    return read(call, enclosing, catalogue, true);
  }

  /**
   * {@link #read(Call, Supplier, Catalogue)}, told whether the call may run once per item ({@link
   * PipelineReader#read(Call, Supplier, boolean)}).
   */
  public Optional<FanOut> read(
      Call call,
      Supplier<PipelineReader.Enclosing> enclosing,
      Catalogue catalogue,
      boolean mayRunPerItem) {
    Target method = call.resolve().orElse(null);
    if (method == null) {
      return Optional.empty();
    }
    // Lowered once, and only for a call whose owner and name may start a fan-out: most candidates
    // by name (a forEach on a list, a stream's map) start none.
    Supplier<PipelineReader.Enclosing> m = new WithBody(enclosing);
    Optional<PipelineReader.ReadPipeline> read = pipelines.read(call, m, mayRunPerItem);
    if (read.isPresent() && read.orElseThrow().pipeline().kind() != Pipeline.Kind.THREAD_PER_ITEM) {
      // A thread started by hand is read below, as the fan-out checks always read it; one behind
      // a helper is no fan-out here.
      return fromPipeline(call, method, read.orElseThrow().pipeline(), m);
    }
    return other(call, method, m, catalogue);
  }

  /** The method around the call, asked once; null when there is none or it has no body. */
  private static final class WithBody implements Supplier<PipelineReader.Enclosing> {
    private final Supplier<PipelineReader.Enclosing> enclosing;
    private boolean asked;
    private PipelineReader.Enclosing m;

    WithBody(Supplier<PipelineReader.Enclosing> enclosing) {
      this.enclosing = enclosing;
    }

    @Override
    public PipelineReader.Enclosing get() {
      if (!asked) {
        asked = true;
        m = enclosing.get();
        m = m == null || m.body() == null ? null : m;
      }
      return m;
    }
  }

  private Optional<FanOut> fromPipeline(
      Call call, Target method, Pipeline p, Supplier<PipelineReader.Enclosing> m) {
    FanOut.Shape shape =
        switch (p.kind()) {
          case EXECUTOR ->
              method.name().equals("start") || method.name().equals("startVirtualThread")
                  ? FanOut.Shape.THREAD
                  : FanOut.Shape.EXECUTOR;
          case COMPLETABLE_FUTURES -> FanOut.Shape.COMPLETABLE_FUTURE;
          case PARALLEL_STREAM -> FanOut.Shape.PARALLEL_STREAM;
          case BOUNDED_WINDOW, SEMAPHORE_GATED -> FanOut.Shape.WINDOWED;
          case THREAD_PER_ITEM -> FanOut.Shape.THREAD;
        };
    String starter =
        shape == FanOut.Shape.PARALLEL_STREAM ? "parallel stream" : starter(call, method);
    return fanOut(shape, call, starter, p.taskCalls(), p.windowSource(), p.windowText(), p, m);
  }

  private Optional<FanOut> other(
      Call call, Target method, Supplier<PipelineReader.Enclosing> m, Catalogue catalogue) {
    String name = method.name();
    Set<String> owners = method.owner().closure();
    // new Thread(task).start(), or a Thread variable made so.
    if (name.equals("start") && call.args().isEmpty() && owners.contains(THREAD)) {
      if (m.get() == null) {
        return Optional.empty();
      }
      Optional<New> created = createdThread(call, m.get().body());
      if (created.isEmpty() || created.orElseThrow().args().isEmpty()) {
        return Optional.empty();
      }
      Node task = created.orElseThrow().args().get(created.orElseThrow().args().size() - 1);
      return fanOut(
          FanOut.Shape.THREAD,
          call,
          "new Thread(...).start()",
          taskCalls(List.of(task)),
          Pipeline.WindowSource.UNBOUNDED,
          "threads",
          null,
          m);
    }
    Optional<CatalogueEntry> request = catalogue.request(method.ref(), method.matchOwners());
    if (request.isPresent()) {
      // A catalogued request: its reply comes later, as a future or to a callback argument.
      if (toEachServer(call, request.orElseThrow().serverParam(), m)) {
        return Optional.empty(); // one request to each member of an ensemble: none gets two
      }
      return fanOut(
          FanOut.Shape.ASYNC_CALL,
          call,
          request.orElseThrow().labelFor(method.ref()),
          List.of(),
          Pipeline.WindowSource.UNBOUNDED,
          "",
          null,
          m);
    }
    if (startsRoundTrip(method)) {
      return fanOut(
          FanOut.Shape.ASYNC_CALL,
          call,
          name.equals("sendAsync") && owners.contains(HTTP_CLIENT)
              ? "HttpClient.sendAsync"
              : method.ref().simpleOwner() + "." + name,
          List.of(),
          Pipeline.WindowSource.UNBOUNDED,
          "",
          null,
          m);
    }
    boolean async = name.equals("supplyAsync") || name.equals("runAsync");
    if (async && method.isStatic() && method.owner().name().equals(COMPLETABLE_FUTURE)) {
      if (call.args().size() != 1) {
        return Optional.empty(); // an executor is given: its size is read where it is a pipeline
      }
      return fanOut(
          FanOut.Shape.COMPLETABLE_FUTURE,
          call,
          "CompletableFuture." + name,
          taskCalls(call.args()),
          Pipeline.WindowSource.COMMON_POOL,
          "common",
          null,
          m);
    }
    if (!method.isStatic()
        && name.endsWith("Async")
        && (owners.contains(COMPLETION_STAGE) || owners.contains(COMPLETABLE_FUTURE))
        && method.ref().paramTypes().stream().noneMatch(t -> t.equals(PipelineCalls.EXECUTOR))) {
      List<Node> tasks =
          call.args().stream()
              .filter(
                  a ->
                      Nodes.unwrap(a) instanceof Lambda
                          || Nodes.unwrap(a) instanceof MethodReference)
              .toList();
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return fanOut(
          FanOut.Shape.ASYNC_STAGE,
          call,
          name,
          taskCalls(tasks),
          Pipeline.WindowSource.COMMON_POOL,
          "common",
          null,
          m);
    }
    return Optional.empty();
  }

  /**
   * Whether a call starts a round trip and returns at once: {@code HttpClient.sendAsync}, or a
   * method of the sources that calls it and returns a future.
   */
  private boolean startsRoundTrip(Target method) {
    if (method.owner().closure().contains(HTTP_CLIENT)) {
      return method.name().equals("sendAsync");
    }
    if (method.isStatic() && method.isConstructor()) {
      return false;
    }
    Optional<Declarations.MethodBody> body = declarations.method(method.ref());
    return body.isPresent()
        && Nodes.any(
            body.orElseThrow().body(),
            n ->
                n instanceof Call c
                    && c.name().equals("sendAsync")
                    && c.resolve()
                        .map(t -> t.owner().closure().contains(HTTP_CLIENT))
                        .orElse(false));
  }

  /** {@code new Thread(task)} as the receiver, or as the initialiser of the receiver variable. */
  private static Optional<New> createdThread(Call start, Node methodBody) {
    Node on = start.receiver() == null ? null : Nodes.unwrap(start.receiver());
    Var v = Nodes.var(on);
    if (v != null && !v.isField()) {
      on = new BodyScope().declareAll(methodBody).declared.get(v);
      on = on == null ? null : Nodes.unwrap(on);
    }
    return on instanceof New created && created.body() == null
        ? Optional.of(created)
        : Optional.empty();
  }

  /** The calls the tasks make, read as {@link PipelineReader} reads a pipeline's tasks. */
  private List<CallSite> taskCalls(List<Node> tasks) {
    List<CallSite> calls = new ArrayList<>();
    for (Node task : tasks) {
      BodyScope scope = new BodyScope();
      switch (Nodes.unwrap(task)) {
        case Lambda lambda -> {
          scope.items.addAll(lambda.params());
          scope.declareAll(lambda.body());
          calls.addAll(CallReader.calls(lambda.body(), scope));
        }
        case MethodReference ref -> {
          CallReader reader = CallReader.of(scope);
          reader.scanReferenceAsBody(ref);
          calls.addAll(reader.calls());
        }
        default ->
            declarations
                .taskEntry(task)
                .ifPresent(
                    t ->
                        calls.add(
                            new CallSite(
                                t.ref(),
                                t.matchOwners(),
                                Receivers.of(task, scope),
                                task.src().at(),
                                t.methodMarks(),
                                t.ownerMarks(),
                                Marks.NONE,
                                List.of(),
                                false,
                                t.isSynchronized())));
      }
    }
    return calls;
  }

  private static String starter(Call call, Target method) {
    String name = method.name();
    if (method.isStatic()) {
      return method.ref().simpleOwner() + "." + name;
    }
    return call.receiver() == null ? name : Values.quote(call.receiver()) + "." + name;
  }

  /** The fan-out, or empty when the method around the call has no body (a field's initialiser). */
  private Optional<FanOut> fanOut(
      FanOut.Shape shape,
      Call call,
      String starter,
      List<CallSite> taskCalls,
      Pipeline.WindowSource window,
      String windowText,
      Pipeline pipeline,
      Supplier<PipelineReader.Enclosing> enclosing) {
    PipelineReader.Enclosing m = enclosing.get();
    if (m == null) {
      return Optional.empty();
    }
    Parents tree = parents.computeIfAbsent(m.body(), Parents::new);
    Items items = items(call, tree, m.body());
    return Optional.of(
        new FanOut(
            shape,
            call.src().at(),
            starter,
            taskCalls,
            window,
            windowText,
            Optional.ofNullable(pipeline),
            items.iterated() != null,
            items.iterated() == null ? "" : Values.quote(items.iterated()),
            items.iterated() == null
                ? OptionalInt.empty()
                : LoopShapes.knownSize(
                    items.iterated(), new BodyScope().declareAll(m.body()).declared),
            items.iteration() != null && bounds(items.iteration(), call),
            m.marks()));
  }

  /**
   * Whether a request's server ({@code [server: n]}: its {@code n}-th argument) changes with the
   * item: it names a local of the loop or the lambda around the call (the item, the index, a local
   * of the iteration: {@code bookieClient.readLac(ensemble.get(i), ...)}, {@code addr =
   * ensemble.get(writeSet.get(i))}). Then each server gets one request, not one per item.
   */
  private boolean toEachServer(
      Call call, int serverParam, Supplier<PipelineReader.Enclosing> enclosing) {
    PipelineReader.Enclosing m = enclosing.get();
    if (m == null || serverParam < 1 || call.args().size() < serverParam) {
      return false;
    }
    Items items = items(call, parents.computeIfAbsent(m.body(), Parents::new), m.body());
    if (items.scope() == null) {
      return false;
    }
    Set<Var> inside = new BodyScope().declareAll(items.scope()).declared.keySet();
    return Nodes.any(
        call.args().get(serverParam - 1),
        n -> {
          Var v = Nodes.var(n);
          return v != null && inside.contains(v);
        });
  }

  /**
   * The loop over items around a call: what it iterates, one iteration's body, and the loop or the
   * lambda whose locals are the item's.
   */
  private record Items(Node iterated, Node iteration, Node scope) {}

  private static Items items(Call call, Parents tree, Node methodBody) {
    Map<Var, Node> locals = null;
    Node child = call;
    for (Node p = tree.parent(call); p != null; child = p, p = tree.parent(p)) {
      if (p instanceof Loop loop && child == loop.body()) {
        BodyScope scope = new BodyScope().declareAll(loop);
        Node iterated =
            switch (loop.kind()) {
              case FOR_EACH -> loop.iterable();
              case FOR -> LoopShapes.indexedTarget(loop, scope);
              case WHILE -> {
                if (locals == null) {
                  locals = new BodyScope().declareAll(methodBody).declared;
                }
                yield LoopShapes.iteratorTarget(loop, scope, locals);
              }
              case DO -> null;
            };
        return new Items(
            iterated, iterated == null ? null : loop.body(), iterated == null ? null : loop);
      }
      if (p instanceof Lambda lambda) {
        Node consumer = tree.parent(lambda);
        // Up the chain to its last call: the stream's terminal, or the forEach itself.
        Node top = consumer;
        while (tree.parent(top) instanceof Call next && next.receiver() == top) {
          top = next;
        }
        if (top instanceof Call terminal) {
          Optional<LoopShapes.CallLoop> loop = LoopShapes.callLoop(terminal, new ArrayList<>());
          if (loop.isPresent() && loop.orElseThrow().bodies().contains(lambda)) {
            return new Items(loop.orElseThrow().iterated(), lambda.body(), lambda);
          }
        }
        return new Items(null, null, null); // a task's own body, a callback: not per item here
      }
      if (p instanceof ClassBody) {
        break;
      }
    }
    return new Items(null, null, null);
  }

  /**
   * Whether the iteration waits for what it started, or takes a permit, before the next item: then
   * at most one (or the permits') run at once. Calls inside lambdas run elsewhere.
   */
  private static boolean bounds(Node iteration, Call start) {
    return anyOutsideLambdas(
        iteration,
        n ->
            n instanceof Call c
                && c != start
                && BOUNDING.contains(c.name())
                && c.receiver() != null
                && (c.name().startsWith("acquire")
                    || c.name().equals("tryAcquire")
                    || (c.name().equals("await") && c.receiver().src().type().isA(COUNT_DOWN_LATCH))
                    || c.receiver().src().type().isA("java.util.concurrent.Future")
                    || c.receiver().src().type().isA(COMPLETABLE_FUTURE)
                    || c.receiver().src().type().isA(THREAD)));
  }

  private static boolean anyOutsideLambdas(Node node, java.util.function.Predicate<Node> test) {
    if (node == null || node instanceof Lambda || node instanceof ClassBody) {
      return false;
    }
    if (test.test(node)) {
      return true;
    }
    for (Node child : Nodes.children(node)) {
      if (anyOutsideLambdas(child, test)) {
        return true;
      }
    }
    return false;
  }
}
