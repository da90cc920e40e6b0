package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.read.Windows.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Pipeline} a call sets up: what runs the tasks (a {@code BoundedWindow}, an executor's
 * {@code submit}/{@code execute}/{@code invokeAll}, {@code supplyAsync}/{@code runAsync}, a virtual
 * thread per item, a parallel stream), its window {@code k} as the source states it ({@link
 * Windows}, which also finds a semaphore gate), and the tasks' calls and lock regions ({@link
 * LockRegionReader}, {@link HelperBodyReader}).
 */
@SuppressWarnings("ReferenceEquality") // nodes are compared by identity on purpose
public final class PipelineReader {
  private static final String STREAMS = "java.util.stream.";

  /** How many calls of a chain the reader follows. */
  public static final int MAX_CHAIN = 64;

  private static final int MAX_HELPER_DEPTH = 2;
  private static final String EXECUTORS = "java.util.concurrent.Executors";
  private static final String THREAD = "java.lang.Thread";
  private static final String RUNNABLE = "java.lang.Runnable";

  /** The method around the call: its lowered body, its ref and the marks on it and its class. */
  public record Enclosing(Node body, MethodRef ref, Marks marks) {}

  /** A pipeline, and the literal that sizes its window at the creation site, if any. */
  public record ReadPipeline(Pipeline pipeline, Optional<Node> windowLiteral) {}

  private final Declarations declarations;
  private final LockRegionReader lockRegions;
  private final Windows windows;
  private final HelperBodyReader helpers;
  private final IdentityHashMap<Node, Parents> parents = new IdentityHashMap<>();

  public PipelineReader(LockRegionReader lockRegions) {
    this.declarations = lockRegions.values().declarations();
    this.lockRegions = lockRegions;
    this.windows = lockRegions.windows();
    this.helpers = new HelperBodyReader(declarations, lockRegions);
  }

  /**
   * Whether a call to {@code owner.name} may set up a pipeline: the cheap filter a front end runs
   * on every call before it lowers anything.
   */
  public static boolean mayStart(String owner, String name) {
    return owner.startsWith(STREAMS) || PipelineCalls.CANDIDATES.contains(name);
  }

  /**
   * The pipeline {@code call} sets up, or empty when it is none we model.
   *
   * @param enclosing the method around the call; null when it is in none (a field's initialiser)
   */
  public Optional<ReadPipeline> read(Call call, Supplier<Enclosing> enclosing) {
    return read(call, enclosing, true);
  }

  /**
   * {@link #read(Call, Supplier)}, told by the front end whether the call may run once per item:
   * false when no loop and no lambda is around it in its method, as its own trees tell. A start
   * that sets up a pipeline only per item ({@code executor.submit(task)}, a thread's start, {@code
   * supplyAsync}) is then none, and the method around it is not lowered: on connect-runtime such
   * calls were most of what the fan-out checks read, each lowering its whole method.
   */
  public Optional<ReadPipeline> read(
      Call call, Supplier<Enclosing> enclosing, boolean mayRunPerItem) {
    Target method = call.resolve().orElse(null);
    if (method == null) {
      return Optional.empty();
    }
    Start start = startOf(call, method);
    if (start == null) {
      return Optional.empty(); // decided on the call alone: the method around it is not lowered
    }
    if (!mayRunPerItem && start.onlyPerItem()) {
      return Optional.empty(); // Reading.overItems would say no
    }
    Enclosing m = enclosing.get();
    if (m == null || m.body() == null) {
      return Optional.empty();
    }
    Parents tree = parents.computeIfAbsent(m.body(), Parents::new);
    Reading r = new Reading(call, m, tree);
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    List<Node> first = call.args().isEmpty() ? List.of() : List.of(call.args().get(0));
    return switch (start) {
      case HELPER -> r.throughHelper(method);
      case PARALLEL_STREAM -> isStreamTerminal(call, tree) ? r.parallelStream() : Optional.empty();
      case WINDOW_OP ->
          windows
              .boundedWindow(on, m.body())
              .flatMap(w -> r.pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, taskBodies(call)));
      case SUBMIT ->
          r.overItems()
              ? windows
                  .pipelineExecutor(on, m.body())
                  .flatMap(w -> r.pipeline(Pipeline.Kind.EXECUTOR, w, first))
              : Optional.empty();
      // A thread per item: unbounded, unless a semaphore gates the tasks.
      case THREAD_START ->
          r.overItems()
              ? r.pipeline(Pipeline.Kind.EXECUTOR, Window.THREADS, first)
              : Optional.empty();
      // new Thread(task).start() per item, hand-rolled: often capped by a counter or a wait on a
      // shared set, so how many run at once is not known (ADR 0018).
      case PLAIN_THREAD_START ->
          r.overItems()
              ? r.pipeline(
                  Pipeline.Kind.THREAD_PER_ITEM,
                  handRolled("new Thread(\u2026).start()"),
                  threadTasks(call, m.body(), m.ref(), new BodyScope()),
                  new BodyScope())
              : Optional.empty();
      case INVOKE_ALL -> {
        BodyScope perItem = new BodyScope();
        List<Node> tasks = r.collectionTasks(call.args().get(0), perItem);
        yield tasks.isEmpty()
            ? Optional.empty()
            : windows
                .pipelineExecutor(on, m.body())
                .flatMap(w -> r.pipeline(Pipeline.Kind.EXECUTOR, w, r.own(tasks), perItem));
      }
      case ASYNC -> {
        if (!r.overItems()) {
          yield Optional.empty();
        }
        Optional<Window> window =
            call.args().size() >= 2
                ? windows.pipelineExecutor(call.args().get(1), m.body())
                : Optional.of(Window.COMMON);
        yield window.flatMap(w -> r.pipeline(Pipeline.Kind.COMPLETABLE_FUTURES, w, first));
      }
    };
  }

  /** The shapes of call that may set up a pipeline, as far as the call alone tells. */
  private enum Start {
    /** A method of the class around the call that may start a thread per call. */
    HELPER,
    /** A stream call with {@code parallel()} or {@code parallelStream()} in its chain. */
    PARALLEL_STREAM,
    /** {@code window.map(...)} and the window's other operations. */
    WINDOW_OP,
    /** {@code executor.submit(task)}, {@code execute(task)}. */
    SUBMIT,
    /** {@code Thread.startVirtualThread(task)}, {@code builder.start(task)}. */
    THREAD_START,
    /** {@code thread.start()}. */
    PLAIN_THREAD_START,
    /** {@code executor.invokeAll(tasks)}, {@code invokeAny(tasks)}. */
    INVOKE_ALL,
    /** {@code CompletableFuture.supplyAsync(task[, executor])}, {@code runAsync}. */
    ASYNC;

    /** Whether {@link #read} sets up a pipeline of this start only once per item. */
    boolean onlyPerItem() {
      return this == SUBMIT || this == THREAD_START || this == PLAIN_THREAD_START || this == ASYNC;
    }
  }

  /**
   * What the call may set up, from its owner, name, receiver and arguments alone; null when
   * nothing. Decided before the method around the call is lowered: most candidates by name (a
   * {@code forEach} on a list, a {@code map} on an {@code Optional}, a sequential stream) set up
   * none, and lowering the method around each was a third of the fan-out checks' cost on
   * connect-runtime.
   */
  private static Start startOf(Call call, Target method) {
    String name = method.name();
    String owner = method.owner().name();
    if (!mayStart(owner, name)) {
      return mayBeHelper(call, method) ? Start.HELPER : null;
    }
    if (owner.startsWith(STREAMS)) {
      return hasParallelStep(call) ? Start.PARALLEL_STREAM : null;
    }
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    if (PipelineCalls.isWindowOp(owner, name)) {
      return on == null ? null : Start.WINDOW_OP;
    }
    Set<String> owners = method.owner().closure();
    int args = call.args().size();
    if (on != null && !method.isStatic() && PipelineCalls.isSubmit(owners, name) && args == 1) {
      return Start.SUBMIT;
    }
    if (PipelineCalls.isThreadStart(owner, owners, name) && args == 1) {
      return Start.THREAD_START;
    }
    if (PipelineCalls.isPlainThreadStart(owners, name, args)) {
      return Start.PLAIN_THREAD_START;
    }
    if (on != null && PipelineCalls.isInvokeAll(owners, name) && args > 0) {
      return Start.INVOKE_ALL;
    }
    if (PipelineCalls.isAsync(owner, name) && method.isStatic()) {
      return Start.ASYNC;
    }
    return null;
  }

  /**
   * Whether a step of the chain ending at {@code call} is {@code parallel()} or {@code
   * parallelStream()}: {@link Reading#parallelStream} reads no pipeline without one.
   */
  private static boolean hasParallelStep(Call call) {
    Node current = call;
    for (int guard = 0; guard < MAX_CHAIN; guard++) {
      if (!(Nodes.unwrap(current) instanceof Call step) || step.receiver() == null) {
        return false;
      }
      if (StreamShapes.PARALLEL.contains(step.name())) {
        return true;
      }
      current = step.receiver();
    }
    return false;
  }

  /** Whether {@code call} is the last call of a stream chain (not the receiver of another step). */
  private static boolean isStreamTerminal(Call call, Parents tree) {
    return !(tree.parent(call) instanceof Call next
        && next.receiver() == call
        && next.resolve().map(t -> t.owner().name().startsWith(STREAMS)).orElse(false));
  }

  /** Lambda and method-reference arguments of a window operation. */
  private static List<Node> taskBodies(Call call) {
    List<Node> bodies = new ArrayList<>();
    for (Node arg : call.args()) {
      Node a = Nodes.unwrap(arg);
      if (a instanceof Lambda || a instanceof MethodReference) {
        bodies.add(a);
      }
    }
    return bodies;
  }

  /** One call read: the call, the method around it and the parents of that method's nodes. */
  private final class Reading {
    private final Call call;
    private final Enclosing method;
    private final Parents tree;

    Reading(Call call, Enclosing method, Parents tree) {
      this.call = call;
      this.method = method;
      this.tree = tree;
    }

    /** A stream chain ending at the call with {@code .parallel()} or {@code parallelStream()}. */
    Optional<ReadPipeline> parallelStream() {
      List<Node> bodies = new ArrayList<>();
      boolean parallel = false;
      Node current = call;
      for (int guard = 0; guard < MAX_CHAIN; guard++) {
        if (!(Nodes.unwrap(current) instanceof Call step) || step.receiver() == null) {
          break;
        }
        String name = step.name();
        if (StreamShapes.PARALLEL.contains(name)) {
          parallel = true;
        }
        if (name.equals("sequential") && !parallel) {
          return Optional.empty(); // a later .sequential() wins
        }
        if (StreamShapes.STEPS.contains(name) || name.equals("collect")) {
          bodies.addAll(taskBodies(step));
        }
        current = step.receiver();
      }
      if (!parallel || bodies.isEmpty()) {
        return Optional.empty();
      }
      return pipeline(Pipeline.Kind.PARALLEL_STREAM, Window.CORES, bodies);
    }

    Optional<ReadPipeline> pipeline(Pipeline.Kind kind, Window window, List<Node> tasks) {
      return pipeline(kind, window, own(tasks), new BodyScope());
    }

    /** Tasks written in the method that sets up the pipeline. */
    List<Task> own(List<Node> tasks) {
      return tasks.stream().map(t -> new Task(t, method.body(), method.ref(), false)).toList();
    }

    /**
     * The pipeline of these tasks.
     *
     * @param perItem more of the task's scope: the items of the loops the tasks were made in
     *     ({@code tasks.add(() -> load(x))} in a loop), a helper's parameters bound to the
     *     arguments of the call per item
     */
    Optional<ReadPipeline> pipeline(
        Pipeline.Kind kind, Window window, List<Task> tasks, BodyScope perItem) {
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      MethodRef enclosingRef = method.ref();
      BodyScope scope = taskScope();
      scope.items.addAll(perItem.items);
      scope.declared.putAll(perItem.declared);
      List<CallSite> calls = new ArrayList<>();
      List<LockRegion> locks = new ArrayList<>();
      IdentityHashMap<Node, Set<Node>> lazy = new IdentityHashMap<>();
      List<Node> nodes = new ArrayList<>();
      for (Task task : tasks) {
        Node t = Nodes.unwrap(task.node());
        nodes.add(t);
        Set<Node> lazyHere = lazy.computeIfAbsent(task.home(), LockRegionReader::lazyInit);
        List<CallSite> taskCalls = new ArrayList<>();
        if (task.isBody()) {
          // The run() of an anonymous Thread: its body is the task.
          scope.declareAll(t);
          taskCalls.addAll(CallReader.calls(t, scope));
          locks.addAll(lockRegions.regionsIn(t, t, scope, task.holder()));
          helpers.read(t, scope, calls, locks);
          calls.addAll(taskCalls);
          continue;
        }
        switch (t) {
          case Lambda lambda -> {
            scope.items.addAll(lambda.params());
            scope.declareAll(lambda.body());
            taskCalls.addAll(CallReader.calls(lambda.body(), scope));
            locks.addAll(
                lockRegions.regionsIn(lambda.body(), task.home(), scope, task.holder(), lazyHere));
            helpers.read(lambda.body(), scope, calls, locks);
          }
          case MethodReference ref -> {
            CallReader reader = CallReader.of(scope);
            reader.scanReferenceAsBody(ref);
            taskCalls.addAll(reader.calls());
          }
          default -> runnableTask(t, scope).ifPresent(taskCalls::add);
        }
        calls.addAll(taskCalls);
      }
      Optional<Window> gate = windows.gate(window, call, tree, nodes, locks, enclosingRef);
      Window k = gate.orElse(window);
      Pipeline.Kind shape = gate.isPresent() ? Pipeline.Kind.SEMAPHORE_GATED : kind;
      return Optional.of(
          new ReadPipeline(
              new Pipeline(
                  shape,
                  k.source(),
                  k.k(),
                  k.text(),
                  call.src().at(),
                  enclosingRef,
                  method.marks(),
                  calls,
                  locks),
              k.literal()));
    }

    /**
     * {@code loadAll: for (x : xs) startLoader(x);} where {@code startLoader} (a method of this
     * class, called on {@code this} or statically) starts a thread with the work: {@code new
     * Thread(() -> load(x)).start()}, an anonymous {@code Thread} with its {@code run()}, {@code
     * Thread.ofVirtual().start(task)}, {@code Thread.startVirtualThread(task)}. Followed {@value
     * #MAX_HELPER_DEPTH} calls deep, with the helper's parameters bound to the arguments, so that
     * what the loop passes per item is per item in the task. A thread per item, how many at once
     * not known (ADR 0018).
     */
    Optional<ReadPipeline> throughHelper(Target helper) {
      if (!overItems()) {
        return Optional.empty();
      }
      BodyScope bound = new BodyScope();
      List<Task> tasks = new ArrayList<>();
      StringBuilder started = new StringBuilder();
      starts(call, helper, method.ref(), bound, 1, tasks, started, new ArrayList<>());
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return pipeline(Pipeline.Kind.THREAD_PER_ITEM, handRolled(started.toString()), tasks, bound);
    }

    private void starts(
        Call at,
        Target helper,
        MethodRef caller,
        BodyScope bound,
        int depth,
        List<Task> tasks,
        StringBuilder started,
        List<Node> visited) {
      if (!mayBeHelper(at, helper)
          || !helper.ref().owner().equals(caller.owner())
          || helper.methodMarks().has(Mark.SEQUENTIAL)) {
        return;
      }
      Optional<Declarations.MethodBody> found = declarations.method(helper.ref());
      if (found.isEmpty()
          || found.orElseThrow().varArgs()
          || found.orElseThrow().params().size() != at.args().size()) {
        return;
      }
      Node body = found.orElseThrow().body();
      if (visited.stream().anyMatch(v -> v == body)) {
        return; // recursion
      }
      visited.add(body);
      List<Var> params = found.orElseThrow().params();
      for (int i = 0; i < params.size(); i++) {
        Var param = params.get(i);
        // A parameter the helper assigns holds another object from there on: not the argument.
        bound.declared.put(param, assigns(body, param) ? null : at.args().get(i));
      }
      bound.declareAll(body);
      for (Call c : callsOutsideLambdas(body)) {
        List<Task> threads = threadTasks(c, body, helper.ref(), bound);
        if (!threads.isEmpty() && startsOnce(body, c)) {
          continue; // if (worker == null) { worker = new Thread(..); worker.start(); }: once
        }
        if (!threads.isEmpty()) {
          tasks.addAll(threads);
          if (started.isEmpty()) {
            started
                .append(starter(c))
                .append(" in ")
                .append(helper.name())
                .append(" (")
                .append(c.src().at().render())
                .append(')');
          }
          continue;
        }
        if (depth < MAX_HELPER_DEPTH) {
          Optional<Target> next = c.resolve();
          if (next.isPresent() && !mayStart(next.get().owner().name(), next.get().name())) {
            starts(c, next.get(), helper.ref(), bound, depth + 1, tasks, started, visited);
          }
        }
      }
    }

    /**
     * A task handed over as an object ({@code new Upload(item)}, a shared {@code Runnable} field):
     * one call of its {@code run()} or {@code call()}, made on that object.
     */
    private Optional<CallSite> runnableTask(Node task, BodyScope scope) {
      return declarations
          .taskEntry(task)
          .map(
              m ->
                  new CallSite(
                      m.ref(),
                      m.matchOwners(),
                      Receivers.of(task, scope),
                      task.src().at(),
                      m.methodMarks(),
                      m.ownerMarks(),
                      Marks.NONE,
                      List.of(),
                      false,
                      m.isSynchronized()));
    }

    /**
     * The tasks of {@code invokeAll(tasks)}, made per item: the {@code Callable}s a stream step
     * makes in the collection's initializer ({@code items.stream().map(i -> () -> work(i))
     * .toList()}), or added to it once per item ({@code tasks.add(() -> work(x))} in a loop or a
     * {@code forEach}), also wrapped ({@code Executors.callable(runnable)}) or named ({@code new
     * Load(x)} of a {@code Callable} class). A fixed handful of different tasks ({@code List.of(()
     * -> a(), () -> b())}) is no pipeline over items (ADR 0018).
     *
     * @param perItem receives the items of the loops around the {@code add} calls: per item in the
     *     tasks
     */
    List<Node> collectionTasks(Node collection, BodyScope perItem) {
      List<Node> tasks = new ArrayList<>();
      Node expr = Nodes.unwrap(collection);
      Var v = Nodes.var(expr);
      if (v == null) {
        callables(expr, tasks, false, perItem);
        return tasks;
      }
      if (v.isField()) {
        return tasks;
      }
      Node init = lockRegions.values().locals(method.body()).get(v);
      if (init != null) {
        callables(init, tasks, false, perItem);
      }
      lockRegions
          .values()
          .anyDeep(
              method.body(),
              n -> {
                if (n instanceof Call add
                    && add.name().equals("add")
                    && add.receiver() != null
                    && Nodes.var(add.receiver()) == v
                    && add.args().size() == 1
                    && over(add, perItem)) {
                  callables(add.args().get(0), tasks, true, perItem);
                }
                return false;
              });
      return tasks;
    }

    /**
     * @param perItem whether the node is made once per item: added in a loop, or inside the lambda
     *     of a stream step
     * @param items receives the parameters of those lambdas
     */
    private void callables(Node node, List<Node> tasks, boolean perItem, BodyScope items) {
      if (node == null) {
        return;
      }
      boolean task = node instanceof Lambda || node instanceof MethodReference;
      if (task && node.src().type().isA(PipelineCalls.CALLABLE)) {
        if (perItem) {
          tasks.add(node);
        }
        return;
      }
      if (node instanceof MethodReference) {
        return;
      }
      if (node instanceof Call wrap
          && wrap.name().equals("callable")
          && wrap.args().size() == 1
          && (wrap.resolve().map(t -> t.owner().name().equals(EXECUTORS)).orElse(false)
              || (wrap.receiver() != null
                  && Nodes.unwrap(wrap.receiver()) instanceof TypeName type
                  && (type.type().equals(EXECUTORS) || type.type().equals("Executors"))))) {
        // (The scanner may not pick among callable's overloads for a lambda: the type says it.)
        // Executors.callable(runnable): the runnable is the task.
        if (perItem) {
          tasks.add(wrap.args().get(0));
        }
        return;
      }
      if (node instanceof New created
          && created.body() == null
          && created.src().type().isA(PipelineCalls.CALLABLE)) {
        if (perItem) {
          tasks.add(created); // new Load(x): its call() is the task
        }
        return;
      }
      if (node instanceof ClassBody body) {
        declarations.methodsOf(body).forEach(m -> callables(m, tasks, perItem, items));
        return;
      }
      boolean inside = perItem;
      if (node instanceof Lambda step) {
        // A stream step's function: its parameter is the item.
        inside = true;
        items.items.addAll(step.params());
        items.items.addAll(new BodyScope().declareAll(step.body()).declared.keySet());
      }
      boolean nested = inside;
      Nodes.children(node).forEach(child -> callables(child, tasks, nested, items));
    }

    /**
     * Whether {@code node} runs once per item (in a loop body, or a lambda a loop or stream runs);
     * adds those loops' items and per-iteration locals to {@code perItem}.
     */
    private boolean over(Node node, BodyScope perItem) {
      boolean over = false;
      Node child = node;
      for (Node p = tree.parent(node); p != null; child = p, p = tree.parent(p)) {
        if (p instanceof Loop loop && child == loop.body()) {
          over = true;
          if (loop.item() != null) {
            perItem.items.add(loop.item());
          }
          perItem.items.addAll(new BodyScope().declareAll(loop.body()).declared.keySet());
        } else if (p instanceof Lambda lambda
            && tree.parent(p) instanceof Call consumer
            && consumer.resolve().map(PipelineReader::runsPerItem).orElse(false)) {
          over = true;
          perItem.items.addAll(lambda.params());
          perItem.items.addAll(new BodyScope().declareAll(lambda.body()).declared.keySet());
        }
      }
      return over;
    }

    /**
     * The task's scope: the task's parameters, the items of loops and lambdas around the call, and
     * locals declared inside those loops are per item; locals of the task body are its own;
     * anything else it reads (fields, the method's parameters and other locals) every task shares.
     */
    private BodyScope taskScope() {
      BodyScope scope = new BodyScope();
      Node child = call;
      for (Node p = tree.parent(call); p != null; child = p, p = tree.parent(p)) {
        if (p instanceof Lambda lambda) {
          scope.items.addAll(lambda.params());
        } else if (p instanceof Loop loop && child == loop.body()) {
          if (loop.item() != null) {
            scope.items.add(loop.item());
          }
          scope.items.addAll(new BodyScope().declareAll(loop.body()).declared.keySet());
        }
      }
      return scope;
    }

    /** Whether the call runs once per item: in a loop body, or a lambda a loop or stream runs. */
    boolean overItems() {
      Node child = call;
      for (Node p = tree.parent(call); p != null; child = p, p = tree.parent(p)) {
        if (p instanceof Loop loop && child == loop.body()) {
          return true;
        }
        if (p instanceof Lambda
            && tree.parent(p) instanceof Call consumer
            && consumer.resolve().map(PipelineReader::runsPerItem).orElse(false)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A task, the method body it is written in, and the method that holds its locks. */
  private record Task(Node node, Node home, MethodRef holder, boolean isBody) {}

  /**
   * Whether a call may be to a helper that starts a thread per call: a method called on {@code
   * this} (implicit or explicit) or statically, not a constructor. Whether it is one of the class
   * around the call, and starts threads, is read from its body.
   */
  public static boolean mayBeHelper(Call call, Target method) {
    if (method.isConstructor()) {
      return false;
    }
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    return on == null
        || (on instanceof This t && !t.isSuper())
        || (on instanceof TypeName && method.isStatic());
  }

  private static Window handRolled(String started) {
    return new Window(Pipeline.WindowSource.UNKNOWN, OptionalInt.empty(), started);
  }

  /**
   * The tasks the call starts a thread with, in {@code home}: {@code Thread.startVirtualThread(t)},
   * {@code builder.start(t)}, {@code new Thread(t).start()} (also through a local), an anonymous
   * {@code Thread}'s {@code run()} (when it declares only that), a {@code Thread} subclass's {@code
   * run()}; a parameter bound to a lambda the caller passed stands for that lambda. None when the
   * thread is joined in the same body: one at a time.
   */
  private List<Task> threadTasks(Call start, Node home, MethodRef holder, BodyScope bound) {
    Target t = start.resolve().orElse(null);
    if (t == null) {
      return List.of();
    }
    Set<String> owners = t.owner().closure();
    if (PipelineCalls.isThreadStart(t.owner().name(), owners, t.name())
        && start.args().size() == 1) {
      return List.of(task(start.args().get(0), home, holder, bound));
    }
    if (!PipelineCalls.isPlainThreadStart(owners, t.name(), start.args().size())
        || start.receiver() == null) {
      return List.of();
    }
    Node on = Nodes.unwrap(start.receiver());
    Var thread = Nodes.var(on);
    if (thread != null && !thread.isField()) {
      if (joins(home, thread)) {
        return List.of();
      }
      on = lockRegions.values().locals(home).get(thread);
      on = on == null ? null : Nodes.unwrap(on);
    }
    if (!(on instanceof New created)) {
      return List.of();
    }
    if (created.body() != null) {
      List<Node> methods = declarations.methodsOf(created.body());
      return methods.size() == 1
          ? List.of(new Task(methods.get(0), methods.get(0), holder, true))
          : List.of();
    }
    for (Node arg : created.args()) {
      if (Nodes.unwrap(arg).src().type().isA(RUNNABLE)) {
        return List.of(task(arg, home, holder, bound));
      }
    }
    // new Worker(x).start() of a Thread subclass: its run() is the task.
    return created.src().type().name().equals(THREAD)
        ? List.of()
        : List.of(task(created, home, holder, bound));
  }

  /** A task; a parameter bound to the lambda a caller passed is that lambda, in the caller. */
  private Task task(Node node, Node home, MethodRef holder, BodyScope bound) {
    Node n = Nodes.unwrap(node);
    Var v = Nodes.var(n);
    if (v != null && bound.declared.get(v) != null) {
      Node arg = Nodes.unwrap(bound.declared.get(v));
      if (arg instanceof Lambda || arg instanceof MethodReference) {
        return new Task(arg, home, holder, false);
      }
    }
    return new Task(n, home, holder, false);
  }

  /**
   * Whether {@code start} sits in a branch that runs once: {@code if (worker == null) { worker =
   * ...; }}, {@code if (!started) { started = true; ... }} (the branch assigns a field its
   * condition reads), {@code if (running.compareAndSet(false, true))}. A helper called per item
   * that starts one background thread the first time is no thread per item.
   */
  private static boolean startsOnce(Node body, Call start) {
    return Nodes.any(
        body, n -> n instanceof If i && Nodes.any(i.then(), x -> x == start) && runsOnce(i));
  }

  private static boolean runsOnce(If branch) {
    Set<Var> fields = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] cas = {false};
    Nodes.any(
        branch.condition(),
        n -> {
          Var v = Nodes.var(n);
          if (v != null && v.isField()) {
            fields.add(v);
          }
          if (n instanceof Call c && c.name().equals("compareAndSet")) {
            cas[0] = true;
          }
          return false;
        });
    return cas[0]
        || Nodes.any(
            branch.then(), n -> n instanceof Assign a && fields.contains(Nodes.var(a.target())));
  }

  /** Whether {@code body} calls {@code thread.join(...)}. */
  private static boolean joins(Node body, Var thread) {
    return Nodes.any(
        body,
        n ->
            n instanceof Call c
                && c.name().equals("join")
                && c.receiver() != null
                && Nodes.var(c.receiver()) == thread);
  }

  /** How a message names what starts the thread. */
  private static String starter(Call start) {
    if (start.name().equals("startVirtualThread")) {
      return "Thread.startVirtualThread";
    }
    return start.args().isEmpty() ? "new Thread(\u2026).start()" : "Thread.Builder.start";
  }

  private static boolean assigns(Node body, Var param) {
    return Nodes.any(body, n -> n instanceof Assign a && Nodes.var(a.target()) == param);
  }

  /** The calls in {@code root} that run in it: not in lambdas or classes nested in it. */
  private static List<Call> callsOutsideLambdas(Node root) {
    List<Call> calls = new ArrayList<>();
    new Object() {
      void scan(Node node) {
        if (node == null || node instanceof Lambda || node instanceof ClassBody) {
          return;
        }
        if (node instanceof Call c) {
          calls.add(c);
        }
        Nodes.children(node).forEach(this::scan);
      }
    }.scan(root);
    return calls;
  }

  private static boolean runsPerItem(Target consumer) {
    String owner = consumer.owner().name();
    return owner.startsWith(STREAMS)
        || (consumer.name().equals("forEach") && owner.startsWith("java."));
  }
}
