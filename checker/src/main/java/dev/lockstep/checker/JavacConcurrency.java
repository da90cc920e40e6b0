package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
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
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.summary.LambdaPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The javac front end of the effective-parallelism checks: reads {@link LockRegion}s off method and
 * task bodies, and {@link Pipeline}s (what runs tasks, its window {@code k} as the source states
 * it, the task's calls) off the calls that hand tasks over. Like {@link JavacFacts} it only reports
 * what the trees say: whether a lock is shared by the tasks, and whether it serializes them, is the
 * analysis' judgement.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols and trees are compared by identity
final class JavacConcurrency {
  private static final String BOUNDED_WINDOW = "dev.lockstep.window.BoundedWindow";
  private static final Set<String> WINDOW_OPS =
      Set.of("map", "forEach", "mapOutcomes", "stream", "mapAsync", "all");
  private static final Set<String> WINDOW_CONFIG =
      Set.of("unordered", "ordered", "executor", "timeout", "onStats");
  private static final Set<String> CANDIDATE_NAMES =
      Set.of(
          "submit",
          "execute",
          "invokeAll",
          "invokeAny",
          "supplyAsync",
          "runAsync",
          "map",
          "forEach",
          "mapOutcomes",
          "stream",
          "mapAsync",
          "all",
          "startVirtualThread",
          "start");

  private final JavacFacts facts;
  private final JavacNames names;
  private final JavacTrees trees;
  private final HelperBodies helpers;

  JavacConcurrency(JavacFacts facts, JavacNames names, JavacTrees trees) {
    this.facts = facts;
    this.names = names;
    this.trees = trees;
    this.helpers = new HelperBodies(facts, names, trees, this);
  }

  /**
   * What the source says about an executor's or window's size; {@code literal} is the integer
   * literal that states it at the creation site, when it is one (what a fix can resize).
   */
  private record Window(
      Pipeline.WindowSource source, OptionalInt k, String text, Optional<ExpressionTree> literal) {
    Window(Pipeline.WindowSource source, OptionalInt k, String text) {
      this(source, k, text, Optional.empty());
    }
  }

  /** A pipeline, and the literal that sizes its window at the creation site, if any. */
  record ReadPipeline(Pipeline pipeline, Optional<ExpressionTree> windowLiteral) {}

  // ---------------------------------------------------------------------------------------------
  // Lock regions

  /** The lock regions of a method body, relative to the method. */
  List<LockRegion> regions(TreePath path, MethodSymbol method, Scope scope) {
    MethodTree tree = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodRef ref = names.ref(method);
    List<LockRegion> regions = new ArrayList<>();
    Set<Tree> lazy = lazyInitTrees(tree.getBody());
    if ((method.flags() & Flags.SYNCHRONIZED) != 0) {
      boolean isStatic = method.isStatic();
      String typeName = names.typeName(method.owner.type);
      regions.add(
          new LockRegion(
              LockRegion.Kind.MONITOR,
              isStatic ? method.owner.getSimpleName() + ".class" : "this",
              isStatic ? Receiver.none() : Receiver.of(ReceiverKind.THIS, "this", typeName),
              isStatic,
              1,
              JavacNames.location(unit, tree),
              ref,
              callsIn(List.of(tree.getBody()), unit, scope),
              allLazy(List.of(tree.getBody()), lazy)));
    }
    regions.addAll(regionsIn(tree.getBody(), path, scope, ref, lazy));
    return regions;
  }

  /** The regions in a helper's body, read in a task's scope ({@link HelperBodies}). */
  List<LockRegion> regionsIn(Tree root, TreePath context, Scope scope, MethodRef holder) {
    return regionsIn(root, context, scope, holder, lazyInitTrees(root));
  }

  /**
   * The regions in {@code root} (a method body or a task's body), not inside classes nested in it
   * nor in lambdas that run elsewhere, or later.
   */
  private List<LockRegion> regionsIn(
      Tree root, TreePath context, Scope scope, MethodRef holder, Set<Tree> lazy) {
    CompilationUnitTree unit = context.getCompilationUnit();
    List<LockRegion> regions = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitSynchronized(SynchronizedTree node, Void unused) {
        ExpressionTree lockExpr = unwrap(node.getExpression());
        regions.add(
            new LockRegion(
                LockRegion.Kind.MONITOR,
                source(lockExpr),
                facts.receiver(lockExpr, scope),
                isStaticObject(lockExpr),
                1,
                JavacNames.location(unit, node),
                holder,
                callsIn(List.of(node.getBlock()), unit, scope),
                allLazy(List.of(node.getBlock()), lazy)));
        return super.visitSynchronized(node, null);
      }

      @Override
      public Void visitBlock(BlockTree node, Void unused) {
        List<? extends StatementTree> statements = node.getStatements();
        for (int i = 0; i < statements.size(); i++) {
          lockRegion(statements, i, unit, scope, holder, lazy, context).ifPresent(regions::add);
        }
        return super.visitBlock(node, null);
      }

      @Override
      public Void visitIf(IfTree node, Void unused) {
        timedTryLock(node, unit, scope, holder, lazy, context).ifPresent(regions::add);
        return super.visitIf(node, null);
      }

      // Lambdas passed to a call, with the method they are passed to.
      private final IdentityHashMap<Tree, MethodSymbol> consumers = new IdentityHashMap<>();

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        executorWait(node, unit, scope, holder, context).ifPresent(regions::add);
        MethodSymbol consumer = methodSymbol(node.getMethodSelect());
        if (consumer != null) {
          for (ExpressionTree arg : node.getArguments()) {
            consumers.put(unwrap(arg), consumer);
          }
        }
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        // A lambda the call it is passed to runs before returning (retry(() -> ...), forEach,
        // Optional.map) holds its locks in this body; a deferred or stored one holds them
        // elsewhere, later.
        MethodSymbol consumer = consumers.get(node);
        if (consumer != null && LambdaPolicy.runsSynchronously(names.ref(consumer))) {
          return super.visitLambdaExpression(node, null);
        }
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(root, null);
    return regions;
  }

  /** What an acquiring call locks: the kind, the object all callers share, and its permits. */
  private record Acquire(
      LockRegion.Kind kind,
      ExpressionTree holderExpr,
      int permits,
      Symbol lockSym,
      String lockText,
      MethodInvocationTree call) {}

  /**
   * {@code lock.lock()} (or {@code semaphore.acquire()}) as statement {@code i}, or a guard {@code
   * if (!lock.tryLock(timeout, unit)) return;}: the region runs to the matching {@code
   * unlock()}/{@code release()}, or is the {@code try} block whose {@code finally} releases it, or
   * runs to the end of the block.
   */
  private Optional<LockRegion> lockRegion(
      List<? extends StatementTree> statements,
      int i,
      CompilationUnitTree unit,
      Scope scope,
      MethodRef holder,
      Set<Tree> lazy,
      TreePath context) {
    StatementTree statement = statements.get(i);
    Optional<Acquire> acquired = Optional.empty();
    if (statement instanceof ExpressionStatementTree e
        && unwrap(e.getExpression()) instanceof MethodInvocationTree call) {
      acquired = acquire(call, false, context);
    } else if (statement instanceof IfTree guard
        && unwrap(guard.getCondition()) instanceof com.sun.source.tree.UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && unwrap(not.getExpression()) instanceof MethodInvocationTree call
        && guard.getElseStatement() == null
        && exits(guard.getThenStatement())) {
      acquired = acquire(call, true, context);
    }
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    Acquire a = acquired.orElseThrow();
    List<Tree> body = new ArrayList<>();
    for (int j = i + 1; j < statements.size(); j++) {
      StatementTree s = statements.get(j);
      if (releases(s, a.lockSym(), a.lockText())) {
        break;
      }
      if (s instanceof TryTree t
          && t.getFinallyBlock() != null
          && releasesAnywhere(t.getFinallyBlock(), a.lockSym(), a.lockText())) {
        body.add(t.getBlock());
        break;
      }
      body.add(s);
    }
    return Optional.of(region(a, body, unit, scope, holder, lazy));
  }

  /**
   * {@code if (lock.tryLock(timeout, unit)) { ... }}: the tasks that get the lock within the
   * timeout run the branch one at a time, the others wait for it first. (A {@code tryLock()}
   * without a timeout is no region: a task that finds the lock busy skips the work instead of
   * queueing for it.)
   */
  private Optional<LockRegion> timedTryLock(
      IfTree node,
      CompilationUnitTree unit,
      Scope scope,
      MethodRef holder,
      Set<Tree> lazy,
      TreePath context) {
    if (!(unwrap(node.getCondition()) instanceof MethodInvocationTree call)) {
      return Optional.empty();
    }
    return acquire(call, true, context)
        .map(a -> region(a, List.of(node.getThenStatement()), unit, scope, holder, lazy));
  }

  private LockRegion region(
      Acquire a,
      List<? extends Tree> body,
      CompilationUnitTree unit,
      Scope scope,
      MethodRef holder,
      Set<Tree> lazy) {
    return new LockRegion(
        a.kind(),
        source(a.holderExpr()),
        facts.receiver(a.holderExpr(), scope),
        isStaticObject(a.holderExpr()),
        a.permits(),
        JavacNames.location(unit, a.call()),
        holder,
        callsIn(body, unit, scope),
        allLazy(body, lazy));
  }

  /** Whether a guard's branch leaves the block: ends with return, throw, break or continue. */
  private static boolean exits(StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
      last = block.getStatements().get(block.getStatements().size() - 1);
    }
    return switch (last.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE -> true;
      default -> false;
    };
  }

  /**
   * The lock a call takes: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, {@code
   * acquireUninterruptibly()}; with {@code timed}, {@code tryLock(timeout, unit)} and {@code
   * tryAcquire(..., timeout, unit)} instead.
   */
  private Optional<Acquire> acquire(MethodInvocationTree call, boolean timed, TreePath context) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    MethodSymbol method = methodSymbol(select);
    if (method == null) {
      return Optional.empty();
    }
    String name = method.name.toString();
    Set<String> owners = names.closure(method.owner.type);
    boolean lock;
    boolean semaphore;
    if (timed) {
      // Only the forms that wait: tryLock(long, TimeUnit), tryAcquire([int,] long, TimeUnit).
      int params = method.getParameters().size();
      lock =
          owners.contains("java.util.concurrent.locks.Lock")
              && name.equals("tryLock")
              && params == 2;
      semaphore =
          owners.contains("java.util.concurrent.Semaphore")
              && name.equals("tryAcquire")
              && params >= 2;
    } else {
      lock =
          owners.contains("java.util.concurrent.locks.Lock")
              && (name.equals("lock") || name.equals("lockInterruptibly"));
      semaphore =
          owners.contains("java.util.concurrent.Semaphore")
              && (name.equals("acquire") || name.equals("acquireUninterruptibly"));
    }
    if (!lock && !semaphore) {
      return Optional.empty();
    }
    if (timed && !waits(call.getArguments().get(call.getArguments().size() - 2))) {
      return Optional.empty(); // tryLock(0, unit): a busy lock is skipped, as by tryLock()
    }
    ExpressionTree lockExpr = unwrap(select.getExpression());
    LockRegion.Kind kind = semaphore ? LockRegion.Kind.SEMAPHORE : LockRegion.Kind.LOCK;
    ExpressionTree holderExpr = lockExpr;
    int permits = 1;
    if (lock) {
      ExpressionTree origin = lockExpr;
      if (symbol(lockExpr) instanceof VarSymbol v) {
        ExpressionTree init = initializer(v, context);
        if (init != null) {
          origin = unwrap(init);
        }
      }
      Set<String> lockTypes = names.closure(type(lockExpr));
      String side = sideOf(origin);
      if (side.equals("readLock")
          || lockTypes.contains("java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock")) {
        kind = LockRegion.Kind.READ_LOCK;
      } else if (side.equals("writeLock")
          || lockTypes.contains("java.util.concurrent.locks.ReentrantReadWriteLock.WriteLock")) {
        kind = LockRegion.Kind.WRITE_LOCK;
      }
      if (!side.isEmpty() && origin == lockExpr) {
        // rw.writeLock().lock(): the object all callers share is the ReadWriteLock.
        holderExpr =
            ((MemberSelectTree) ((MethodInvocationTree) lockExpr).getMethodSelect())
                .getExpression();
      }
    } else {
      permits = semaphorePermits(lockExpr, context);
    }
    return Optional.of(
        new Acquire(kind, holderExpr, permits, symbol(lockExpr), source(lockExpr), call));
  }

  /**
   * Whether a timeout may make the caller wait: anything but a constant {@code <= 0} (which makes
   * the timed form return at once, like the untimed one).
   */
  private static boolean waits(ExpressionTree timeout) {
    Type t = type(unwrap(timeout));
    Object value = t == null ? null : t.constValue();
    if (value == null && symbol(unwrap(timeout)) instanceof VarSymbol v) {
      value = v.getConstValue();
    }
    return !(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() > 0;
  }

  /** {@code readLock} or {@code writeLock} for {@code rw.readLock()}, else empty. */
  private static String sideOf(ExpressionTree expr) {
    if (expr instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      if (name.equals("readLock") || name.equals("writeLock")) {
        return name;
      }
    }
    return "";
  }

  private static boolean releases(StatementTree statement, Symbol lock, String lockText) {
    return statement instanceof ExpressionStatementTree e
        && unwrap(e.getExpression()) instanceof MethodInvocationTree call
        && isRelease(call, lock, lockText);
  }

  private static boolean isRelease(MethodInvocationTree call, Symbol lock, String lockText) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    String name = select.getIdentifier().toString();
    if (!name.equals("unlock") && !name.equals("release")) {
      return false;
    }
    ExpressionTree on = unwrap(select.getExpression());
    Symbol sym = symbol(on);
    return lock != null ? sym == lock : on.toString().equals(lockText);
  }

  private static boolean releasesAnywhere(Tree tree, Symbol lock, String lockText) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        found[0] |= isRelease(node, lock, lockText);
        return super.visitMethodInvocation(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  private int semaphorePermits(ExpressionTree semaphore, TreePath context) {
    ExpressionTree init = semaphore;
    if (symbol(semaphore) instanceof VarSymbol v) {
      init = initializer(v, context);
    }
    if (init != null
        && unwrap(init) instanceof NewClassTree created
        && !created.getArguments().isEmpty()) {
      OptionalInt n = constant(created.getArguments().get(0));
      if (n.isPresent() && n.getAsInt() > 0) {
        return n.getAsInt();
      }
    }
    return 0;
  }

  /**
   * {@code executor.submit(task).get()} (or a future local assigned from {@code submit}) on an
   * executor whose size the source states: the caller waits for one of its threads.
   */
  private Optional<LockRegion> executorWait(
      MethodInvocationTree node,
      CompilationUnitTree unit,
      Scope scope,
      MethodRef holder,
      TreePath context) {
    if (!(node.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String name = select.getIdentifier().toString();
    if (!name.equals("get") && !name.equals("join")) {
      return Optional.empty();
    }
    ExpressionTree future = unwrap(select.getExpression());
    if (symbol(future) instanceof VarSymbol v && JavacFacts.isLocal(v)) {
      ExpressionTree init = scope.declared.get(v);
      future = init == null ? null : unwrap(init);
    }
    if (!(future instanceof MethodInvocationTree submit)
        || !(submit.getMethodSelect() instanceof MemberSelectTree submitSelect)) {
      return Optional.empty();
    }
    MethodSymbol submitMethod = methodSymbol(submitSelect);
    if (submitMethod == null
        || !submitSelect.getIdentifier().contentEquals("submit")
        || !names.closure(submitMethod.owner.type).contains("java.util.concurrent.Executor")) {
      return Optional.empty();
    }
    ExpressionTree executor = unwrap(submitSelect.getExpression());
    Optional<Window> window = executorWindow(executor, context, 0);
    if (window.isEmpty()
        || window.orElseThrow().source() != Pipeline.WindowSource.CONSTANT
        || symbol(executor) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new LockRegion(
            LockRegion.Kind.EXECUTOR,
            source(executor),
            facts.receiver(executor, scope),
            isStaticObject(executor),
            window.orElseThrow().k().getAsInt(),
            JavacNames.location(unit, node),
            holder,
            callsIn(List.of(node), unit, scope),
            false));
  }

  private List<CallSite> callsIn(
      List<? extends Tree> trees, CompilationUnitTree unit, Scope scope) {
    JavacFacts.CallReader reader = facts.new CallReader(unit, scope, false);
    for (Tree t : trees) {
      reader.scan(t, null);
    }
    return reader.calls;
  }

  /**
   * The subtrees that run only while a field is still null: the branch of {@code if (field ==
   * null)} that assigns {@code field} (lazy or double-checked initialisation).
   */
  private static Set<Tree> lazyInitTrees(Tree root) {
    Set<Tree> lazy = Collections.newSetFromMap(new IdentityHashMap<>());
    if (root == null) {
      return lazy;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIf(IfTree node, Void unused) {
        Symbol field = nullCheckedField(node.getCondition());
        if (field != null && assigns(node.getThenStatement(), field)) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
              if (tree != null) {
                lazy.add(tree);
              }
              return super.scan(tree, null);
            }
          }.scan(node.getThenStatement(), null);
        }
        return super.visitIf(node, null);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(root, null);
    return lazy;
  }

  private static Symbol nullCheckedField(ExpressionTree condition) {
    if (!(unwrap(condition) instanceof BinaryTree test) || test.getKind() != Tree.Kind.EQUAL_TO) {
      return null;
    }
    ExpressionTree other;
    if (unwrap(test.getLeftOperand()).getKind() == Tree.Kind.NULL_LITERAL) {
      other = unwrap(test.getRightOperand());
    } else if (unwrap(test.getRightOperand()).getKind() == Tree.Kind.NULL_LITERAL) {
      other = unwrap(test.getLeftOperand());
    } else {
      return null;
    }
    Symbol sym = symbol(other);
    return sym instanceof VarSymbol v && v.owner instanceof ClassSymbol ? v : null;
  }

  private static boolean assigns(Tree tree, Symbol field) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        found[0] |= symbol(unwrap(node.getVariable())) == field;
        return super.visitAssignment(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Whether every call in the region (outside nested lambdas) sits in a lazy-init branch. */
  private static boolean allLazy(List<? extends Tree> region, Set<Tree> lazy) {
    if (lazy.isEmpty()) {
      return false;
    }
    boolean[] any = {false};
    boolean[] all = {true};
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            any[0] = true;
            all[0] &= lazy.contains(node);
            return super.visitMethodInvocation(node, null);
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return null;
          }

          @Override
          public Void visitClass(ClassTree node, Void unused) {
            return null;
          }
        };
    for (Tree t : region) {
      scanner.scan(t, null);
    }
    return any[0] && all[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Pipelines

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
    if (owner.equals(BOUNDED_WINDOW) && WINDOW_OPS.contains(name) && on != null) {
      Optional<Window> window = boundedWindow(on, path, 0);
      return window.flatMap(
          w -> pipeline(Pipeline.Kind.BOUNDED_WINDOW, w, call, path, methodPath, taskBodies(call)));
    }
    Set<String> owners = names.closure(method.owner.type);
    if (on != null
        && !method.isStatic()
        && owners.contains("java.util.concurrent.Executor")
        && (name.equals("submit") || name.equals("execute"))
        && call.getArguments().size() == 1
        && overItems(path)) {
      return executorWindow(on, path, 0)
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
    boolean virtualThread =
        (owner.equals("java.lang.Thread") && name.equals("startVirtualThread"))
            || (owners.contains("java.lang.Thread.Builder") && name.equals("start"));
    if (virtualThread && call.getArguments().size() == 1 && overItems(path)) {
      // A thread per item: unbounded, unless a semaphore gates the tasks.
      return pipeline(
          Pipeline.Kind.EXECUTOR,
          new Window(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "threads"),
          call,
          path,
          methodPath,
          List.of(call.getArguments().get(0)));
    }
    if (on != null
        && owners.contains("java.util.concurrent.ExecutorService")
        && (name.equals("invokeAll") || name.equals("invokeAny"))
        && !call.getArguments().isEmpty()) {
      List<Tree> tasks = collectionTasks(call.getArguments().get(0), path);
      if (tasks.isEmpty()) {
        return Optional.empty();
      }
      return executorWindow(on, path, 0)
          .flatMap(w -> pipeline(Pipeline.Kind.EXECUTOR, w, call, path, methodPath, tasks));
    }
    if (owner.equals("java.util.concurrent.CompletableFuture")
        && method.isStatic()
        && (name.equals("supplyAsync") || name.equals("runAsync"))
        && overItems(path)) {
      Optional<Window> window =
          call.getArguments().size() >= 2
              ? executorWindow(unwrap(call.getArguments().get(1)), path, 0)
              : Optional.of(
                  new Window(Pipeline.WindowSource.COMMON_POOL, OptionalInt.empty(), "common"));
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
      if (name.equals("parallel") || name.equals("parallelStream")) {
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
        Pipeline.Kind.PARALLEL_STREAM,
        new Window(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores"),
        terminal,
        path,
        methodPath,
        bodies);
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
    Set<Tree> lazy = lazyInitTrees(methodTree.getBody());
    for (Tree task : tasks) {
      Tree t = unwrap((ExpressionTree) task);
      JavacFacts.CallReader reader = facts.new CallReader(unit, scope, false);
      switch (t) {
        case LambdaExpressionTree lambda -> {
          for (VariableTree param : lambda.getParameters()) {
            if (symbol(param) instanceof VarSymbol v) {
              scope.items.add(v);
            }
          }
          JavacFacts.declareAll(lambda.getBody(), scope);
          reader.scan(lambda.getBody(), null);
          locks.addAll(regionsIn(lambda.getBody(), path, scope, enclosingRef, lazy));
          helpers.read(lambda.getBody(), scope, calls, locks);
        }
        case MemberReferenceTree ref -> reader.visitMemberReferenceAsBody(ref);
        default -> runnableTask((ExpressionTree) t, scope, unit).ifPresent(reader.calls::add);
      }
      calls.addAll(reader.calls);
    }
    Optional<Window> gate = gate(window, path, tasks, locks, enclosingRef);
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
   * A shared {@code Semaphore(n)} that bounds the tasks more tightly than the executor does: the
   * window is then {@code n}. Two shapes: the submitting loop acquires a permit before each
   * submission and the task releases it; or the task acquires it in its own body while the
   * executor's size is not known (virtual threads, a cached pool, a non-constant size). A task's
   * own semaphore under a pool of known size stays what it was: a serialization point of {@code n}
   * (an oversized pool).
   */
  private Optional<Window> gate(
      Window window,
      TreePath path,
      List<? extends Tree> tasks,
      List<LockRegion> locks,
      MethodRef taskHolder) {
    OptionalInt k =
        window.source() == Pipeline.WindowSource.CONSTANT ? window.k() : OptionalInt.empty();
    Optional<Window> gate = submitterGate(path, tasks);
    if (gate.isPresent() && (k.isEmpty() || gate.orElseThrow().k().getAsInt() < k.getAsInt())) {
      return gate;
    }
    boolean unknown =
        window.source() == Pipeline.WindowSource.UNBOUNDED
            || window.source() == Pipeline.WindowSource.NON_CONSTANT;
    if (!unknown) {
      return Optional.empty();
    }
    return locks.stream()
        .filter(
            r ->
                r.kind() == LockRegion.Kind.SEMAPHORE
                    && r.permits() > 0
                    && (r.isStatic() || r.holder().kind().isShared())
                    && r.holderMethod().equals(taskHolder))
        .min(java.util.Comparator.comparingInt(LockRegion::permits))
        .map(
            r -> new Window(Pipeline.WindowSource.CONSTANT, OptionalInt.of(r.permits()), r.lock()));
  }

  /**
   * {@code gate.acquire(); pool.execute(() -> { try { ... } finally { gate.release(); } });}: the
   * statement before the submission in the loop body takes a permit of a semaphore of known size,
   * and every task gives it back.
   */
  private Optional<Window> submitterGate(TreePath path, List<? extends Tree> tasks) {
    TreePath p = path;
    while (p.getParentPath() != null
        && !(p.getParentPath().getLeaf() instanceof BlockTree)
        && !(p.getLeaf() instanceof StatementTree)) {
      p = p.getParentPath();
    }
    if (!(p.getLeaf() instanceof StatementTree submission)
        || p.getParentPath() == null
        || !(p.getParentPath().getLeaf() instanceof BlockTree block)) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int at = statements.indexOf(submission);
    for (int i = at - 1; i >= 0; i--) {
      if (statements.get(i) instanceof ExpressionStatementTree e
          && unwrap(e.getExpression()) instanceof MethodInvocationTree call) {
        Optional<Acquire> acquired = acquire(call, false, path);
        if (acquired.isPresent()) {
          Acquire a = acquired.orElseThrow();
          if (a.kind() != LockRegion.Kind.SEMAPHORE || a.permits() < 1) {
            return Optional.empty();
          }
          for (Tree task : tasks) {
            if (!releasesAnywhere(task, a.lockSym(), a.lockText())) {
              return Optional.empty();
            }
          }
          return Optional.of(
              new Window(
                  Pipeline.WindowSource.CONSTANT, OptionalInt.of(a.permits()), a.lockText()));
        }
      }
    }
    return Optional.empty();
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
    return names.closure(type(tree)).contains("java.util.concurrent.Callable");
  }

  /**
   * The task's scope: the task's parameters, the items of loops and lambdas around the call, and
   * locals declared inside those loops are per item; locals of the task body are its own; anything
   * else it reads (fields, the method's parameters and other locals) every task shares.
   */
  private static Scope taskScope(TreePath path, TreePath methodPath) {
    Scope scope = new Scope();
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
    Scope inLoop = new Scope();
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

  // ---------------------------------------------------------------------------------------------
  // Windows

  /** {@code BoundedWindow.of(k)}, through its configuration calls and variables. */
  private Optional<Window> boundedWindow(ExpressionTree expr, TreePath context, int depth) {
    ExpressionTree e = unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodInvocationTree call) {
      MethodSymbol m = methodSymbol(call.getMethodSelect());
      if (m == null || !names.typeName(m.owner.type).equals(BOUNDED_WINDOW)) {
        return Optional.empty();
      }
      String name = m.name.toString();
      if (name.equals("of") && m.isStatic() && call.getArguments().size() == 1) {
        return Optional.of(size(call.getArguments().get(0)));
      }
      if (WINDOW_CONFIG.contains(name) && call.getMethodSelect() instanceof MemberSelectTree s) {
        return boundedWindow(s.getExpression(), context, depth + 1);
      }
      return Optional.empty();
    }
    if (symbol(e) instanceof VarSymbol v) {
      ExpressionTree init = initializer(v, context);
      return init == null ? Optional.empty() : boundedWindow(init, context, depth + 1);
    }
    return Optional.empty();
  }

  /** The size an executor was created with, where it was created. Empty: unknown origin. */
  private Optional<Window> executorWindow(ExpressionTree expr, TreePath context, int depth) {
    ExpressionTree e = unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodInvocationTree call) {
      MethodSymbol m = methodSymbol(call.getMethodSelect());
      if (m == null) {
        return Optional.empty();
      }
      String owner = names.typeName(m.owner.type);
      String name = m.name.toString();
      List<? extends ExpressionTree> args = call.getArguments();
      if (owner.equals("java.util.concurrent.Executors")) {
        return switch (name) {
          case "newFixedThreadPool", "newScheduledThreadPool" ->
              args.isEmpty() ? Optional.empty() : Optional.of(size(args.get(0)));
          case "newWorkStealingPool" ->
              Optional.of(
                  args.isEmpty()
                      ? new Window(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores")
                      : size(args.get(0)));
          case "newSingleThreadExecutor", "newSingleThreadScheduledExecutor" ->
              Optional.of(new Window(Pipeline.WindowSource.CONSTANT, OptionalInt.of(1), "1"));
          case "newCachedThreadPool",
              "newVirtualThreadPerTaskExecutor",
              "newThreadPerTaskExecutor" ->
              Optional.of(
                  new Window(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "unbounded"));
          default -> Optional.empty();
        };
      }
      if (owner.equals("java.util.concurrent.ForkJoinPool") && name.equals("commonPool")) {
        return Optional.of(
            new Window(Pipeline.WindowSource.COMMON_POOL, OptionalInt.empty(), "common"));
      }
      return Optional.empty();
    }
    if (e instanceof NewClassTree created) {
      String created0 = names.typeName(type(created));
      List<? extends ExpressionTree> args = created.getArguments();
      return switch (created0) {
        // The maximum; never offered for resizing: below the core size the constructor throws.
        case "java.util.concurrent.ThreadPoolExecutor" ->
            args.size() >= 2 ? Optional.of(withoutLiteral(size(args.get(1)))) : Optional.empty();
        case "java.util.concurrent.ScheduledThreadPoolExecutor" ->
            args.isEmpty() ? Optional.empty() : Optional.of(size(args.get(0)));
        case "java.util.concurrent.ForkJoinPool" ->
            Optional.of(
                args.isEmpty()
                    ? new Window(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores")
                    : size(args.get(0)));
        default -> Optional.empty();
      };
    }
    if (symbol(e) instanceof VarSymbol v) {
      ExpressionTree init = initializer(v, context);
      return init == null ? Optional.empty() : executorWindow(init, context, depth + 1);
    }
    return Optional.empty();
  }

  private static Window withoutLiteral(Window window) {
    return new Window(window.source(), window.k(), window.text());
  }

  /** A size argument: a constant, the processors, or anything else (not a constant). */
  private static Window size(ExpressionTree arg) {
    OptionalInt k = constant(arg);
    if (k.isPresent()) {
      return new Window(
          Pipeline.WindowSource.CONSTANT,
          k,
          String.valueOf(k.getAsInt()),
          unwrap(arg).getKind() == Tree.Kind.INT_LITERAL ? Optional.of(arg) : Optional.empty());
    }
    ExpressionTree e = unwrap(arg);
    if (e instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree s
        && s.getIdentifier().contentEquals("availableProcessors")) {
      return new Window(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores");
    }
    return new Window(Pipeline.WindowSource.NON_CONSTANT, OptionalInt.empty(), source(e));
  }

  private static OptionalInt constant(ExpressionTree expr) {
    Type t = type(unwrap(expr));
    Object value = t == null ? null : t.constValue();
    if (value == null && symbol(unwrap(expr)) instanceof VarSymbol v) {
      value = v.getConstValue();
    }
    return value instanceof Integer n ? OptionalInt.of(n) : OptionalInt.empty();
  }

  /**
   * Where a variable gets its value: a local's initializer; a field's initializer, or its one
   * assignment in the class's methods (a constructor, {@code start()}, {@code init()}).
   */
  private ExpressionTree initializer(VarSymbol v, TreePath context) {
    if (JavacFacts.isLocal(v)) {
      return JavacFacts.initializerOf(v, context);
    }
    if (!(v.owner instanceof ClassSymbol owner)) {
      return null;
    }
    JCTree decl;
    try {
      decl = trees.getTree(v);
    } catch (RuntimeException e) {
      return null;
    }
    if (decl instanceof JCTree.JCVariableDecl var && var.getInitializer() != null) {
      return var.getInitializer();
    }
    JCTree.JCClassDecl cls;
    try {
      cls = trees.getTree(owner);
    } catch (RuntimeException e) {
      return null;
    }
    if (cls == null) {
      return null;
    }
    List<ExpressionTree> assigned = new ArrayList<>();
    for (JCTree member : cls.getMembers()) {
      // Any method, not only constructors: a pool created once in start() or init() is the
      // only executor the field ever holds.
      if (member instanceof JCTree.JCMethodDecl m && m.sym != null && m.getBody() != null) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitAssignment(AssignmentTree node, Void unused) {
            if (symbol(unwrap(node.getVariable())) == v) {
              assigned.add(node.getExpression());
            }
            return super.visitAssignment(node, null);
          }

          @Override
          public Void visitClass(ClassTree node, Void unused) {
            return null;
          }
        }.scan(m.getBody(), null);
      }
    }
    return assigned.size() == 1 ? assigned.get(0) : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Whether the object is the same for the whole program: a static field or a class literal. */
  private static boolean isStaticObject(ExpressionTree expr) {
    ExpressionTree e = unwrap(expr);
    if (e instanceof MemberSelectTree select && select.getIdentifier().contentEquals("class")) {
      return true;
    }
    Symbol sym = symbol(e);
    return sym instanceof VarSymbol v
        && v.owner instanceof ClassSymbol
        && (v.flags() & Flags.STATIC) != 0;
  }

  private static String source(ExpressionTree expr) {
    String text = unwrap(expr).toString().replaceAll("\\s+", " ");
    if (text.startsWith("this.")) {
      text = text.substring("this.".length());
    }
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
