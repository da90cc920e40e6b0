package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.read.Windows.Window;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
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
  private static final int MAX_CHAIN = 64;

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
    Target method = call.resolve().orElse(null);
    if (method == null || !mayStart(method.owner().name(), method.name())) {
      return Optional.empty(); // the cheap filter: this runs on every call
    }
    String name = method.name();
    String owner = method.owner().name();
    Enclosing m = enclosing.get();
    if (m == null || m.body() == null) {
      return Optional.empty();
    }
    Parents tree = parents.computeIfAbsent(m.body(), Parents::new);
    Reading r = new Reading(call, m, tree);
    if (owner.startsWith(STREAMS)) {
      return isStreamTerminal(call, tree) ? r.parallelStream() : Optional.empty();
    }
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    if (PipelineCalls.isWindowOp(owner, name) && on != null) {
      return windows
          .boundedWindow(on, m.body())
          .flatMap(w -> r.pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, taskBodies(call)));
    }
    Set<String> owners = method.owner().closure();
    List<Node> first = call.args().isEmpty() ? List.of() : List.of(call.args().get(0));
    if (on != null
        && !method.isStatic()
        && PipelineCalls.isSubmit(owners, name)
        && call.args().size() == 1
        && r.overItems()) {
      return windows
          .pipelineExecutor(on, m.body())
          .flatMap(w -> r.pipeline(Pipeline.Kind.EXECUTOR, w, first));
    }
    if (PipelineCalls.isThreadStart(owner, owners, name)
        && call.args().size() == 1
        && r.overItems()) {
      // A thread per item: unbounded, unless a semaphore gates the tasks.
      return r.pipeline(Pipeline.Kind.EXECUTOR, Window.THREADS, first);
    }
    if (on != null && PipelineCalls.isInvokeAll(owners, name) && !call.args().isEmpty()) {
      List<Node> tasks = r.collectionTasks(call.args().get(0));
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return windows
          .pipelineExecutor(on, m.body())
          .flatMap(w -> r.pipeline(Pipeline.Kind.EXECUTOR, w, tasks));
    }
    if (PipelineCalls.isAsync(owner, name) && method.isStatic() && r.overItems()) {
      Optional<Window> window =
          call.args().size() >= 2
              ? windows.pipelineExecutor(call.args().get(1), m.body())
              : Optional.of(Window.COMMON);
      return window.flatMap(w -> r.pipeline(Pipeline.Kind.COMPLETABLE_FUTURES, w, first));
    }
    return Optional.empty();
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
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      MethodRef enclosingRef = method.ref();
      BodyScope scope = taskScope();
      List<CallSite> calls = new ArrayList<>();
      List<LockRegion> locks = new ArrayList<>();
      var lazy = LockRegionReader.lazyInit(method.body());
      for (Node task : tasks) {
        Node t = Nodes.unwrap(task);
        List<CallSite> taskCalls = new ArrayList<>();
        switch (t) {
          case Lambda lambda -> {
            scope.items.addAll(lambda.params());
            scope.declareAll(lambda.body());
            taskCalls.addAll(CallReader.calls(lambda.body(), scope));
            locks.addAll(
                lockRegions.regionsIn(lambda.body(), method.body(), scope, enclosingRef, lazy));
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
      Optional<Window> gate = windows.gate(window, call, tree, tasks, locks, enclosingRef);
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
     * The tasks of {@code invokeAll(tasks)}: the {@code Callable} lambdas in the collection's
     * initializer ({@code items.stream().map(i -> () -> work(i)).toList()}) or added to it.
     */
    List<Node> collectionTasks(Node collection) {
      List<Node> sources = new ArrayList<>();
      Node expr = Nodes.unwrap(collection);
      Var v = Nodes.var(expr);
      if (v != null && !v.isField()) {
        Node init = lockRegions.values().locals(method.body()).get(v);
        if (init != null) {
          sources.add(init);
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
                      && add.args().size() == 1) {
                    sources.add(add.args().get(0));
                  }
                  return false;
                });
      } else {
        sources.add(expr);
      }
      List<Node> tasks = new ArrayList<>();
      for (Node source : sources) {
        callables(source, tasks);
      }
      return tasks;
    }

    private void callables(Node node, List<Node> tasks) {
      if (node == null) {
        return;
      }
      boolean task = node instanceof Lambda || node instanceof MethodReference;
      if (task && node.src().type().isA(PipelineCalls.CALLABLE)) {
        tasks.add(node);
        return;
      }
      if (node instanceof MethodReference) {
        return;
      }
      if (node instanceof ClassBody body) {
        declarations.methodsOf(body).forEach(m -> callables(m, tasks));
        return;
      }
      Nodes.children(node).forEach(child -> callables(child, tasks));
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

  private static boolean runsPerItem(Target consumer) {
    String owner = consumer.owner().name();
    return owner.startsWith(STREAMS)
        || (consumer.name().equals("forEach") && owner.startsWith("java."));
  }
}
