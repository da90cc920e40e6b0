package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.checker.JavacWindows.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The javac front end of the effective-parallelism checks, part two: the {@link Pipeline} a call
 * sets up — what runs the tasks (a {@code BoundedWindow}, an executor's {@code submit}/{@code
 * execute}/{@code invokeAll}, {@code supplyAsync}/{@code runAsync}, a virtual thread per item, a
 * parallel stream), its window {@code k} as the source states it ({@link JavacWindows}, which also
 * finds a semaphore gate), and the tasks' calls and lock regions ({@link JavacLockRegions}, {@link
 * HelperBodies}). The scanner's twin is {@code JpPipelines}.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols and trees are compared by identity
final class JavacPipelines {
  private static final Set<String> CANDIDATE_NAMES = PipelineCalls.CANDIDATES;

  private final JavacFacts facts;
  private final JavacNames names;
  private final JavacLockRegions lockRegions;
  private final JavacWindows windows;
  private final HelperBodies helpers;

  JavacPipelines(
      JavacFacts facts,
      JavacNames names,
      JavacTrees trees,
      JavacLockRegions lockRegions,
      JavacWindows windows) {
    this.facts = facts;
    this.names = names;
    this.lockRegions = lockRegions;
    this.windows = windows;
    this.helpers = new HelperBodies(facts, names, trees, lockRegions);
  }

  /** A pipeline, and the literal that sizes its window at the creation site, if any. */
  record ReadPipeline(Pipeline pipeline, Optional<ExpressionTree> windowLiteral) {}

  /** The pipeline the call at {@code path} sets up, or empty when it is none we model. */
  Optional<ReadPipeline> readPipeline(TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)) {
      return Optional.empty();
    }
    MethodSymbol method = methodSymbol(call.getMethodSelect());
    if (method == null) {
      return Optional.empty();
    }
    String name = method.name.toString();
    String owner = names.typeName(method.owner.type);
    boolean streamCall = owner.startsWith("java.util.stream.");
    if (!streamCall && !CANDIDATE_NAMES.contains(name)) {
      return Optional.empty(); // the cheap filter: this runs on every call
    }
    TreePath methodPath = enclosingMethod(path);
    if (methodPath == null) {
      return Optional.empty();
    }
    if (streamCall) {
      return JavacFacts.isStreamTerminal(path)
          ? parallelStream(call, path, methodPath)
          : Optional.empty();
    }
    ExpressionTree on =
        call.getMethodSelect() instanceof MemberSelectTree s ? unwrap(s.getExpression()) : null;
    if (PipelineCalls.isWindowOp(owner, name) && on != null) {
      Optional<Window> window = windows.boundedWindow(on, path, 0);
      return window.flatMap(
          w -> pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, call, path, methodPath, taskBodies(call)));
    }
    Set<String> owners = names.closure(method.owner.type);
    if (on != null
        && !method.isStatic()
        && PipelineCalls.isSubmit(owners, name)
        && call.getArguments().size() == 1
        && overItems(path)) {
      return windows
          .executorWindow(on, path, 0)
          .flatMap(
              w ->
                  pipeline(
                      Pipeline.Kind.EXECUTOR,
                      w,
                      call,
                      path,
                      methodPath,
                      List.of(call.getArguments().get(0))));
    }
    boolean virtualThread = PipelineCalls.isThreadStart(owner, owners, name);
    if (virtualThread && call.getArguments().size() == 1 && overItems(path)) {
      // A thread per item: unbounded, unless a semaphore gates the tasks.
      return pipeline(
          Pipeline.Kind.EXECUTOR,
          Window.THREADS,
          call,
          path,
          methodPath,
          List.of(call.getArguments().get(0)));
    }
    if (on != null && PipelineCalls.isInvokeAll(owners, name) && !call.getArguments().isEmpty()) {
      List<Tree> tasks = collectionTasks(call.getArguments().get(0), path);
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return windows
          .executorWindow(on, path, 0)
          .flatMap(w -> pipeline(Pipeline.Kind.EXECUTOR, w, call, path, methodPath, tasks));
    }
    if (PipelineCalls.isAsync(owner, name) && method.isStatic() && overItems(path)) {
      Optional<Window> window =
          call.getArguments().size() >= 2
              ? windows.executorWindow(unwrap(call.getArguments().get(1)), path, 0)
              : Optional.of(Window.COMMON);
      return window.flatMap(
          w ->
              pipeline(
                  Pipeline.Kind.COMPLETABLE_FUTURES,
                  w,
                  call,
                  path,
                  methodPath,
                  List.of(call.getArguments().get(0))));
    }
    return Optional.empty();
  }

  /**
   * A stream chain ending at {@code terminal} with {@code .parallel()} or {@code parallelStream()}.
   */
  private Optional<ReadPipeline> parallelStream(
      MethodInvocationTree terminal, TreePath path, TreePath methodPath) {
    List<Tree> bodies = new ArrayList<>();
    boolean parallel = false;
    ExpressionTree current = terminal;
    for (int guard = 0; guard < 64; guard++) {
      if (!(unwrap(current) instanceof MethodInvocationTree call)
          || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
        break;
      }
      String name = select.getIdentifier().toString();
      if (StreamShapes.PARALLEL.contains(name)) {
        parallel = true;
      }
      if (name.equals("sequential") && !parallel) {
        return Optional.empty(); // a later .sequential() wins
      }
      if (StreamShapes.STEPS.contains(name) || name.equals("collect")) {
        for (ExpressionTree arg : call.getArguments()) {
          Tree body = unwrap(arg);
          if (body instanceof LambdaExpressionTree || body instanceof MemberReferenceTree) {
            bodies.add(body);
          }
        }
      }
      current = select.getExpression();
    }
    if (!parallel || bodies.isEmpty()) {
      return Optional.empty();
    }
    return pipeline(
        Pipeline.Kind.PARALLEL_STREAM, Window.CORES, terminal, path, methodPath, bodies);
  }

  private Optional<ReadPipeline> pipeline(
      Pipeline.Kind kind,
      Window window,
      MethodInvocationTree call,
      TreePath path,
      TreePath methodPath,
      List<? extends Tree> tasks) {
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    MethodTree methodTree = (MethodTree) methodPath.getLeaf();
    if (!(symbol(methodTree) instanceof MethodSymbol enclosing)) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodRef enclosingRef = names.ref(enclosing);
    Scope scope = taskScope(path, methodPath);
    List<CallSite> calls = new ArrayList<>();
    List<LockRegion> locks = new ArrayList<>();
    Set<Tree> lazy = JavacLockRegions.lazyInitTrees(methodTree.getBody());
    for (Tree task : tasks) {
      Tree t = unwrap((ExpressionTree) task);
      List<CallSite> taskCalls = new ArrayList<>();
      switch (t) {
        case LambdaExpressionTree lambda -> {
          for (VariableTree param : lambda.getParameters()) {
            if (symbol(param) instanceof VarSymbol v) {
              scope.items.add(v);
            }
          }
          JavacFacts.declareAll(lambda.getBody(), scope);
          taskCalls.addAll(facts.calls(List.of(lambda.getBody()), scope));
          locks.addAll(lockRegions.regionsIn(lambda.getBody(), path, scope, enclosingRef, lazy));
          helpers.read(lambda.getBody(), scope, calls, locks);
        }
        case MemberReferenceTree ref -> taskCalls.addAll(facts.referenceAsBody(ref, scope));
        default -> runnableTask((ExpressionTree) t, scope, unit).ifPresent(taskCalls::add);
      }
      calls.addAll(taskCalls);
    }
    Optional<Window> gate = windows.gate(window, path, tasks, locks, enclosingRef);
    Window k = gate.orElse(window);
    Pipeline.Kind shape = gate.isPresent() ? Pipeline.Kind.SEMAPHORE_GATED : kind;
    Location location =
        JavacNames.location(
            unit,
            call.getMethodSelect() instanceof MemberSelectTree s
                ? ((JCTree) s).getPreferredPosition()
                : ((JCTree) call).getStartPosition());
    return Optional.of(
        new ReadPipeline(
            new Pipeline(
                shape,
                k.source(),
                k.k(),
                k.text(),
                location,
                enclosingRef,
                names.marksOf(enclosing).plus(names.typeMarks(enclosing.owner)),
                calls,
                locks),
            k.literal()));
  }

  /**
   * A task handed over as an object ({@code new Upload(item)}, a shared {@code Runnable} field):
   * one call of its {@code run()} or {@code call()}, made on that object.
   */
  private Optional<CallSite> runnableTask(
      ExpressionTree task, Scope scope, CompilationUnitTree unit) {
    Type taskType = type(task);
    if (taskType == null || !(taskType.tsym instanceof ClassSymbol cls)) {
      return Optional.empty();
    }
    for (String name : List.of("run", "call")) {
      for (Symbol member : cls.members().getSymbolsByName(cls.name.table.fromString(name))) {
        if (member instanceof MethodSymbol m
            && m.getParameters().isEmpty()
            && (m.flags() & Flags.ABSTRACT) == 0) {
          return Optional.of(
              new CallSite(
                  names.ref(m),
                  names.matchOwners(m, taskType),
                  facts.receiver(task, scope),
                  JavacNames.location(unit, task),
                  names.methodMarks(m),
                  names.typeMarks(m.owner),
                  Marks.NONE,
                  List.of(),
                  false,
                  (m.flags() & Flags.SYNCHRONIZED) != 0));
        }
      }
    }
    return Optional.empty();
  }

  /** Lambda and method-reference arguments of a window operation. */
  private static List<Tree> taskBodies(MethodInvocationTree call) {
    List<Tree> bodies = new ArrayList<>();
    for (ExpressionTree arg : call.getArguments()) {
      Tree a = unwrap(arg);
      if (a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree) {
        bodies.add(a);
      }
    }
    return bodies;
  }

  /**
   * The tasks of {@code invokeAll(tasks)}: the {@code Callable} lambdas in the collection's
   * initializer ({@code items.stream().map(i -> () -> work(i)).toList()}) or added to it.
   */
  private List<Tree> collectionTasks(ExpressionTree collection, TreePath path) {
    List<Tree> sources = new ArrayList<>();
    ExpressionTree expr = unwrap(collection);
    Symbol sym = symbol(expr);
    TreePath methodPath = enclosingMethod(path);
    if (sym instanceof VarSymbol v && JavacFacts.isLocal(v) && methodPath != null) {
      ExpressionTree init = JavacFacts.initializerOf(v, path);
      if (init != null) {
        sources.add(init);
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          if (node.getMethodSelect() instanceof MemberSelectTree s
              && s.getIdentifier().contentEquals("add")
              && symbol(unwrap(s.getExpression())) == v
              && node.getArguments().size() == 1) {
            sources.add(node.getArguments().get(0));
          }
          return super.visitMethodInvocation(node, null);
        }
      }.scan(((MethodTree) methodPath.getLeaf()).getBody(), null);
    } else {
      sources.add(expr);
    }
    List<Tree> tasks = new ArrayList<>();
    for (Tree source : sources) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
          if (isCallable(node)) {
            tasks.add(node);
            return null;
          }
          return super.visitLambdaExpression(node, null);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
          if (isCallable(node)) {
            tasks.add(node);
          }
          return null;
        }
      }.scan(source, null);
    }
    return tasks;
  }

  private boolean isCallable(Tree tree) {
    return names.closure(type(tree)).contains(PipelineCalls.CALLABLE);
  }

  /**
   * The task's scope: the task's parameters, the items of loops and lambdas around the call, and
   * locals declared inside those loops are per item; locals of the task body are its own; anything
   * else it reads (fields, the method's parameters and other locals) every task shares.
   */
  private static Scope taskScope(TreePath path, TreePath methodPath) {
    Scope scope = new Scope(path.getCompilationUnit());
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null && p != methodPath; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      switch (leaf) {
        case LambdaExpressionTree lambda -> {
          for (VariableTree param : lambda.getParameters()) {
            if (symbol(param) instanceof VarSymbol v) {
              scope.items.add(v);
            }
          }
        }
        case EnhancedForLoopTree loop -> {
          if (child == loop.getStatement()) {
            if (symbol(loop.getVariable()) instanceof VarSymbol v) {
              scope.items.add(v);
            }
            perItemLocals(loop.getStatement(), scope);
          }
        }
        case ForLoopTree loop -> {
          if (child == loop.getStatement()) {
            perItemLocals(loop.getStatement(), scope);
          }
        }
        case WhileLoopTree loop -> {
          if (child == loop.getStatement()) {
            perItemLocals(loop.getStatement(), scope);
          }
        }
        case DoWhileLoopTree loop -> {
          if (child == loop.getStatement()) {
            perItemLocals(loop.getStatement(), scope);
          }
        }
        default -> {}
      }
      child = leaf;
    }
    return scope;
  }

  private static void perItemLocals(Tree body, Scope scope) {
    Scope inLoop = new Scope(scope.unit);
    JavacFacts.declareAll(body, inLoop);
    scope.items.addAll(inLoop.declared.keySet());
  }

  /** Whether the call runs once per item: in a loop body, or a lambda a loop or stream runs. */
  private boolean overItems(TreePath path) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      boolean body =
          switch (leaf) {
            case EnhancedForLoopTree l -> child == l.getStatement();
            case ForLoopTree l -> child == l.getStatement();
            case WhileLoopTree l -> child == l.getStatement();
            case DoWhileLoopTree l -> child == l.getStatement();
            default -> false;
          };
      if (body) {
        return true;
      }
      if (leaf instanceof LambdaExpressionTree
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof MethodInvocationTree consumer) {
        MethodSymbol m = methodSymbol(consumer.getMethodSelect());
        if (m != null) {
          String name = m.name.toString();
          String owner = names.typeName(m.owner.type);
          if (owner.startsWith("java.util.stream.")
              || (name.equals("forEach") && owner.startsWith("java."))) {
            return true;
          }
        }
      }
      child = leaf;
    }
    return false;
  }

  private static TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }
}
