package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.StreamShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JavaParser front end of the effective-parallelism checks, part two: the {@link Pipeline} a
 * call sets up (what runs tasks, its window {@code k} as the source states it, the task's calls and
 * lock regions) — a port of the checker's {@code JavacPipelines.readPipeline} and what it uses.
 *
 * <p>Candidates are found from the syntax first ({@link #candidates}), so only calls named like a
 * hand-over, or chains that say {@code parallel}, cost a resolution. An unresolved call, type or
 * window is no pipeline: no finding.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
public final class JpPipelines {
  private static final Set<String> WINDOW_OPS = PipelineCalls.WINDOW_OPS;
  private static final Set<String> CANDIDATE_NAMES = PipelineCalls.CANDIDATES;

  private final JavaParserFacts facts;
  private final JavaParserConcurrency locks;
  private final JpNames names;
  private final Vars vars;
  private final JpWindows windows;
  private final JpHelperBodies helpers;
  private final JpGates gates;
  private Boolean windowResolves;

  JpPipelines(
      JavaParserFacts facts,
      JavaParserConcurrency locks,
      JpNames names,
      Vars vars,
      JpWindows windows) {
    this.facts = facts;
    this.locks = locks;
    this.names = names;
    this.vars = vars;
    this.windows = windows;
    this.helpers = new JpHelperBodies(facts, locks, names, vars);
    this.gates = new JpGates(locks);
  }

  /**
   * The calls the checker's matchers could read as a pipeline: one named like a hand-over, or one
   * whose chain says {@code parallel}/{@code parallelStream}. Syntax only, but for one question:
   * {@code map}, {@code forEach} and {@code stream} are everywhere, and are window operations only
   * when {@code BoundedWindow} resolves at all — without it, none of them costs a resolution.
   */
  List<MethodCallExpr> candidates(Node root) {
    if (windowResolves == null) {
      windowResolves = names.typeExists(PipelineCalls.BOUNDED_WINDOW);
    }
    List<MethodCallExpr> found = new ArrayList<>();
    for (MethodCallExpr call : root.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      boolean handOver =
          CANDIDATE_NAMES.contains(name)
              && !WINDOW_OPS.contains(name)
              && (!name.equals("start") || call.getArguments().size() == 1);
      if (handOver || (windowResolves && WINDOW_OPS.contains(name)) || saysParallel(call)) {
        found.add(call);
      }
    }
    return found;
  }

  private static boolean saysParallel(MethodCallExpr call) {
    for (Expression e = call;
        e instanceof MethodCallExpr c;
        e = c.getScope().map(Exprs::unwrap).orElse(null)) {
      String name = c.getNameAsString();
      if (StreamShapes.PARALLEL.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** The pipeline {@code call} sets up, or empty when it is none we model. */
  public Optional<Pipeline> read(MethodCallExpr call) {
    Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
    String name = call.getNameAsString();
    if (resolved.isEmpty()) {
      return windowOpOnWindow(call, name);
    }
    ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
    String owner = names.ownerName(method);
    boolean streamCall = owner.startsWith("java.util.stream.");
    if (!streamCall && !CANDIDATE_NAMES.contains(name)) {
      return Optional.empty();
    }
    CallableDeclaration<?> enclosing = enclosingMethod(call);
    if (enclosing == null) {
      return Optional.empty();
    }
    if (streamCall) {
      return isStreamTerminal(call) ? parallelStream(call, enclosing) : Optional.empty();
    }
    Expression on = call.getScope().map(Exprs::unwrap).orElse(null);
    if (on != null && vars.looksLikeType(on) && JpNames.isStatic(method)) {
      on = null; // Type.staticMethod(): javac's method select is a type, not an object
    }
    if (PipelineCalls.isWindowOp(owner, name) && on != null) {
      return windows
          .boundedWindow(on, 0)
          .flatMap(
              w -> pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, call, enclosing, taskBodies(call)));
    }
    Set<String> owners = names.closure(method.declaringType());
    boolean isStatic = JpNames.isStatic(method);
    if (call.getScope().isPresent()
        && !isStatic
        && PipelineCalls.isSubmit(owners, name)
        && call.getArguments().size() == 1
        && overItems(call)) {
      return windows
          .executorWindow(call.getScope().orElseThrow(), 0)
          .flatMap(
              w ->
                  pipeline(
                      Pipeline.Kind.EXECUTOR, w, call, enclosing, List.of(call.getArgument(0))));
    }
    boolean virtualThread = PipelineCalls.isThreadStart(owner, owners, name);
    if (virtualThread && call.getArguments().size() == 1 && overItems(call)) {
      // A thread per item: unbounded, unless a semaphore gates the tasks.
      return pipeline(
          Pipeline.Kind.EXECUTOR,
          JpWindows.Window.THREADS,
          call,
          enclosing,
          List.of(call.getArgument(0)));
    }
    if (call.getScope().isPresent()
        && PipelineCalls.isInvokeAll(owners, name)
        && !call.getArguments().isEmpty()) {
      List<Node> tasks = collectionTasks(call.getArgument(0), enclosing);
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return windows
          .executorWindow(call.getScope().orElseThrow(), 0)
          .flatMap(w -> pipeline(Pipeline.Kind.EXECUTOR, w, call, enclosing, tasks));
    }
    if (PipelineCalls.isAsync(owner, name) && isStatic && overItems(call)) {
      Optional<JpWindows.Window> window =
          call.getArguments().size() >= 2
              ? windows.executorWindow(call.getArgument(1), 0)
              : Optional.of(JpWindows.Window.COMMON);
      return window.flatMap(
          w ->
              pipeline(
                  Pipeline.Kind.COMPLETABLE_FUTURES,
                  w,
                  call,
                  enclosing,
                  List.of(call.getArgument(0))));
    }
    return Optional.empty();
  }

  /**
   * A window operation the symbol solver could not resolve: it fails on some method-reference
   * arguments ({@code forEach(orders, erp::submit)} with a value-returning {@code submit} where the
   * window's task returns nothing). Every method of that name on a {@code BoundedWindow} is a
   * window operation, so the receiver's type is enough.
   */
  private Optional<Pipeline> windowOpOnWindow(MethodCallExpr call, String name) {
    if (!WINDOW_OPS.contains(name) || call.getScope().isEmpty()) {
      return Optional.empty();
    }
    Expression on = Exprs.unwrap(call.getScope().orElseThrow());
    boolean onWindow =
        names
            .type(on)
            .map(names::typeName)
            .filter(PipelineCalls.BOUNDED_WINDOW::equals)
            .isPresent();
    CallableDeclaration<?> enclosing = enclosingMethod(call);
    if (!onWindow || enclosing == null) {
      return Optional.empty();
    }
    return windows
        .boundedWindow(on, 0)
        .flatMap(w -> pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, call, enclosing, taskBodies(call)));
  }

  /** The checker's {@code isStreamTerminal}: no stream method is called on the call's result. */
  private boolean isStreamTerminal(MethodCallExpr call) {
    if (!(call.getParentNode().orElse(null) instanceof MethodCallExpr next)
        || next.getScope().orElse(null) != call) {
      return true;
    }
    return !names
        .resolve(next)
        .map(m -> names.ownerName(m).startsWith("java.util.stream."))
        .orElse(false);
  }

  /**
   * A stream chain ending at {@code terminal} with {@code .parallel()} or {@code parallelStream()}.
   */
  private Optional<Pipeline> parallelStream(
      MethodCallExpr terminal, CallableDeclaration<?> enclosing) {
    List<Node> bodies = new ArrayList<>();
    boolean parallel = false;
    Expression current = terminal;
    for (int guard = 0; guard < 64; guard++) {
      if (!(Exprs.unwrap(current) instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
        break;
      }
      String name = call.getNameAsString();
      if (StreamShapes.PARALLEL.contains(name)) {
        parallel = true;
      }
      if (name.equals("sequential") && !parallel) {
        return Optional.empty(); // a later .sequential() wins
      }
      if (StreamShapes.STEPS.contains(name) || name.equals("collect")) {
        for (Expression arg : call.getArguments()) {
          Expression body = Exprs.unwrap(arg);
          if (JavaParserConcurrency.isFunction(body)) {
            bodies.add(body);
          }
        }
      }
      current = call.getScope().orElseThrow();
    }
    if (!parallel || bodies.isEmpty()) {
      return Optional.empty();
    }
    return pipeline(
        Pipeline.Kind.PARALLEL_STREAM, JpWindows.Window.CORES, terminal, enclosing, bodies);
  }

  private Optional<Pipeline> pipeline(
      Pipeline.Kind kind,
      JpWindows.Window window,
      MethodCallExpr call,
      CallableDeclaration<?> enclosing,
      List<? extends Node> tasks) {
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    Optional<MethodRef> enclosingRef = refOf(enclosing);
    if (enclosingRef.isEmpty()) {
      return Optional.empty();
    }
    JpScope scope = taskScope(call, enclosing);
    List<CallSite> calls = new ArrayList<>();
    List<LockRegion> regions = new ArrayList<>();
    List<Node> lazy = locks.lazyInitTrees(body(enclosing));
    for (Node task : tasks) {
      Node t = task instanceof Expression e ? Exprs.unwrap(e) : task;
      List<CallSite> taskCalls = new ArrayList<>();
      switch (t) {
        case LambdaExpr lambda -> {
          locks.addParameters(lambda, scope);
          facts.declareAll(lambda.getBody(), scope);
          taskCalls.addAll(facts.calls(List.of(lambda.getBody()), scope));
          regions.addAll(
              locks.regionsIn(lambda.getBody(), scope, enclosingRef.orElseThrow(), lazy));
          helpers.read(lambda.getBody(), scope, calls, regions);
        }
        case MethodReferenceExpr ref -> taskCalls.addAll(facts.referenceAsBody(ref, scope));
        default -> runnableTask((Expression) t, scope).ifPresent(taskCalls::add);
      }
      calls.addAll(taskCalls);
    }
    Optional<JpWindows.Window> gate =
        gates.gate(window, call, tasks, regions, enclosingRef.orElseThrow());
    JpWindows.Window k = gate.orElse(window);
    Location location = JpNames.callLocation(call);
    return Optional.of(
        new Pipeline(
            gate.isPresent() ? Pipeline.Kind.SEMAPHORE_GATED : kind,
            k.source(),
            k.k(),
            k.text(),
            location,
            enclosingRef.orElseThrow(),
            names.marksOf(enclosing).plus(names.enclosingTypeMarks(enclosing)),
            calls,
            regions));
  }

  private Optional<MethodRef> refOf(CallableDeclaration<?> decl) {
    try {
      ResolvedMethodLikeDeclaration resolved =
          decl instanceof com.github.javaparser.ast.body.MethodDeclaration m
              ? m.resolve()
              : ((com.github.javaparser.ast.body.ConstructorDeclaration) decl).resolve();
      return Optional.of(names.ref(resolved));
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty(); // the enclosing method does not resolve: no pipeline
    }
  }

  private static Node body(CallableDeclaration<?> decl) {
    if (decl instanceof com.github.javaparser.ast.body.MethodDeclaration m) {
      return m.getBody().orElse(null);
    }
    return decl instanceof com.github.javaparser.ast.body.ConstructorDeclaration c
        ? c.getBody()
        : null;
  }

  /**
   * A task handed over as an object ({@code new Upload(item)}, a shared {@code Runnable} field):
   * one call of its {@code run()} or {@code call()}, made on that object.
   */
  private Optional<CallSite> runnableTask(Expression task, JpScope scope) {
    Optional<ResolvedType> taskType = names.type(task);
    if (taskType.isEmpty() || !taskType.orElseThrow().isReferenceType()) {
      return Optional.empty();
    }
    Optional<ResolvedReferenceTypeDeclaration> cls;
    try {
      cls = taskType.orElseThrow().asReferenceType().getTypeDeclaration();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (cls.isEmpty()) {
      return Optional.empty();
    }
    for (String name : List.of("run", "call")) {
      Set<ResolvedMethodDeclaration> declared;
      try {
        declared = cls.orElseThrow().getDeclaredMethods();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
      for (ResolvedMethodDeclaration m : declared) {
        if (m.getName().equals(name) && m.getNumberOfParams() == 0 && !m.isAbstract()) {
          MethodRef ref = names.ref(m);
          return Optional.of(
              new CallSite(
                  ref,
                  names.matchOwners(m, taskType.orElseThrow()),
                  facts.receiver(task, scope),
                  JpValues.javacPosition(task),
                  names.methodMarks(m, ref),
                  names.typeMarks(m.declaringType()),
                  Marks.NONE,
                  List.of(),
                  false,
                  LibraryModifiers.isSynchronized(m, ref)));
        }
      }
    }
    return Optional.empty();
  }

  /** Lambda and method-reference arguments of a window operation. */
  private static List<Node> taskBodies(MethodCallExpr call) {
    List<Node> bodies = new ArrayList<>();
    for (Expression arg : call.getArguments()) {
      Expression a = Exprs.unwrap(arg);
      if (JavaParserConcurrency.isFunction(a)) {
        bodies.add(a);
      }
    }
    return bodies;
  }

  /**
   * The tasks of {@code invokeAll(tasks)}: the {@code Callable} lambdas in the collection's
   * initializer ({@code items.stream().map(i -> () -> work(i)).toList()}) or added to it.
   */
  private List<Node> collectionTasks(Expression collection, CallableDeclaration<?> enclosing) {
    List<Node> sources = new ArrayList<>();
    Expression expr = Exprs.unwrap(collection);
    Sym sym = vars.of(expr);
    Node methodBody = body(enclosing);
    if (sym != null && sym.isLocalOrParam() && methodBody != null) {
      if (sym.initializer() != null) {
        sources.add(sym.initializer());
      }
      for (MethodCallExpr add : methodBody.findAll(MethodCallExpr.class)) {
        if (add.getNameAsString().equals("add")
            && add.getScope().isPresent()
            && vars.of(Exprs.unwrap(add.getScope().orElseThrow())) == sym
            && add.getArguments().size() == 1) {
          sources.add(add.getArgument(0));
        }
      }
    } else {
      sources.add(expr);
    }
    List<Node> tasks = new ArrayList<>();
    for (Node source : sources) {
      collectCallables(source, tasks);
    }
    return tasks;
  }

  /** The outermost {@code Callable} lambdas and method references in {@code node}. */
  private void collectCallables(Node node, List<Node> tasks) {
    if (node instanceof LambdaExpr || node instanceof MethodReferenceExpr) {
      if (isCallable((Expression) node)) {
        tasks.add(node);
        return;
      }
      if (node instanceof MethodReferenceExpr) {
        return;
      }
    }
    if (node instanceof TypeDeclaration<?>) {
      return;
    }
    for (Node child : node.getChildNodes()) {
      collectCallables(child, tasks);
    }
  }

  /** Whether a lambda's target type is a {@code Callable}: its type, or the cast around it. */
  private boolean isCallable(Expression function) {
    Optional<ResolvedType> type = names.type(function);
    if (type.isEmpty()
        && function.getParentNode().orElse(null) instanceof CastExpr cast
        && cast.getExpression() == function) {
      type = names.type(cast);
    }
    return type.map(names::closure).orElse(Set.of()).contains(PipelineCalls.CALLABLE);
  }

  /**
   * The task's scope: the task's parameters, the items of loops and lambdas around the call, and
   * locals declared inside those loops are per item; locals of the task body are its own; anything
   * else it reads (fields, the method's parameters and other locals) every task shares.
   */
  private JpScope taskScope(MethodCallExpr call, CallableDeclaration<?> method) {
    JpScope scope = new JpScope();
    Node child = call;
    for (Node p = call.getParentNode().orElse(null);
        p != null && p != method;
        child = p, p = p.getParentNode().orElse(null)) {
      switch (p) {
        case LambdaExpr lambda -> locks.addParameters(lambda, scope);
        case ForEachStmt loop -> {
          if (child == loop.getBody()) {
            for (VariableDeclarator v : loop.getVariable().getVariables()) {
              scope.items.add(vars.declaration(v));
            }
            perItemLocals(loop.getBody(), scope);
          }
        }
        case ForStmt loop -> {
          if (child == loop.getBody()) {
            perItemLocals(loop.getBody(), scope);
          }
        }
        case WhileStmt loop -> {
          if (child == loop.getBody()) {
            perItemLocals(loop.getBody(), scope);
          }
        }
        case DoStmt loop -> {
          if (child == loop.getBody()) {
            perItemLocals(loop.getBody(), scope);
          }
        }
        default -> {}
      }
    }
    return scope;
  }

  private void perItemLocals(Node body, JpScope scope) {
    JpScope inLoop = new JpScope();
    facts.declareAll(body, inLoop);
    scope.items.addAll(inLoop.declared.keySet());
  }

  /** Whether the call runs once per item: in a loop body, or a lambda a loop or stream runs. */
  private boolean overItems(MethodCallExpr call) {
    Node child = call;
    for (Node p = call.getParentNode().orElse(null);
        p != null;
        child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof CallableDeclaration<?> || p instanceof TypeDeclaration<?>) {
        return false;
      }
      if (p instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
          && p.getParentNode().orElse(null) instanceof ObjectCreationExpr) {
        return false; // a member of an anonymous class
      }
      boolean body =
          switch (p) {
            case ForEachStmt l -> child == l.getBody();
            case ForStmt l -> child == l.getBody();
            case WhileStmt l -> child == l.getBody();
            case DoStmt l -> child == l.getBody();
            default -> false;
          };
      if (body) {
        return true;
      }
      if (p instanceof LambdaExpr
          && p.getParentNode().orElse(null) instanceof MethodCallExpr consumer) {
        Optional<ResolvedMethodLikeDeclaration> m = names.resolve(consumer);
        if (m.isPresent()) {
          String owner = names.ownerName(m.orElseThrow());
          if (owner.startsWith("java.util.stream.")
              || (consumer.getNameAsString().equals("forEach") && owner.startsWith("java."))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The method or constructor whose body holds {@code node}; null in initialisers and fields. */
  static CallableDeclaration<?> enclosingMethod(Node node) {
    for (Node p = node; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof CallableDeclaration<?> c) {
        return c;
      }
      if (p instanceof TypeDeclaration<?>
          || (p instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
              && p.getParentNode().orElse(null) instanceof ObjectCreationExpr)) {
        return null;
      }
    }
    return null;
  }
}
