package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.LambdaPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The JavaParser front end of the effective-parallelism checks, part one: the {@link LockRegion}s
 * of a method or task body — a port of the checker's {@code JavacLockRegions}, member for member.
 * {@link JpPipelines} reads the pipelines. Like the checker, it reports only what the source says:
 * whether a lock is shared by the tasks, and whether it serializes them, is the analysis'
 * judgement.
 *
 * <p>Only calls named like a lock, a semaphore or a future's wait are resolved, and the calls
 * lambdas are passed to (which the call reader resolves anyway), so a method body without any costs
 * no symbol-solver call beyond what its call sites already cost.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
final class JavaParserConcurrency {
  private final JavaParserFacts facts;
  private final JpNames names;
  private final Vars vars;
  private final JpValues values;
  private final JpWindows windows;
  private final JpPipelines pipelines;

  JavaParserConcurrency(JavaParserFacts facts, JpNames names, Vars vars) {
    this.facts = facts;
    this.names = names;
    this.vars = vars;
    this.values = new JpValues(names, vars);
    this.windows = new JpWindows(names, values);
    this.pipelines = new JpPipelines(facts, this, names, vars, windows);
  }

  /** The pipelines' reader. */
  JpPipelines pipelines() {
    return pipelines;
  }

  // ---------------------------------------------------------------------------------------------
  // Lock regions

  /** The lock regions of a method body, relative to the method. */
  List<LockRegion> regions(
      CallableDeclaration<?> decl, BlockStmt body, MethodRef ref, JpScope scope) {
    List<LockRegion> regions = new ArrayList<>();
    List<Node> lazy = lazyInitTrees(body);
    if (decl instanceof MethodDeclaration m && m.isSynchronized()) {
      boolean isStatic = m.isStatic();
      String simple = simpleTypeName(decl);
      regions.add(
          new LockRegion(
              LockRegion.Kind.MONITOR,
              isStatic ? simple + ".class" : "this",
              isStatic ? Receiver.none() : Receiver.of(ReceiverKind.THIS, "this", ref.owner()),
              isStatic,
              1,
              JpNames.at(decl, decl.getName().getBegin()),
              ref,
              callsIn(List.of(body), scope),
              allLazy(List.of(body), lazy)));
    }
    regions.addAll(regionsIn(body, scope, ref, lazy));
    return regions;
  }

  /** The simple name of the type declaring {@code decl} ({@code ""} for an anonymous class). */
  private static String simpleTypeName(Node decl) {
    for (Node p = decl.getParentNode().orElse(null);
        p != null;
        p = p.getParentNode().orElse(null)) {
      if (p instanceof TypeDeclaration<?> t) {
        return t.getNameAsString();
      }
      if (p instanceof ObjectCreationExpr) {
        return "";
      }
    }
    return "";
  }

  /** The regions in a helper's body, read in a task's scope ({@link JpHelperBodies}). */
  List<LockRegion> regionsIn(Node root, JpScope scope, MethodRef holder) {
    return regionsIn(root, scope, holder, lazyInitTrees(root));
  }

  /**
   * The regions in {@code root} (a method body or a task's body), not inside classes nested in it
   * nor in lambdas that run elsewhere, or later.
   */
  List<LockRegion> regionsIn(Node root, JpScope scope, MethodRef holder, List<Node> lazy) {
    List<LockRegion> regions = new ArrayList<>();
    walk(
        root,
        this::runsHere,
        n -> {
          switch (n) {
            case SynchronizedStmt sync -> {
              Expression lockExpr = Exprs.unwrap(sync.getExpression());
              regions.add(
                  new LockRegion(
                      LockRegion.Kind.MONITOR,
                      JpValues.source(lockExpr),
                      facts.receiver(lockExpr, scope),
                      values.isStaticObject(lockExpr),
                      1,
                      JpNames.location(sync),
                      holder,
                      callsIn(List.of(sync.getBody()), scope),
                      allLazy(List.of(sync.getBody()), lazy)));
            }
            case BlockStmt block -> {
              List<Statement> statements = block.getStatements();
              for (int i = 0; i < statements.size(); i++) {
                lockRegion(statements, i, scope, holder, lazy).ifPresent(regions::add);
              }
            }
            case IfStmt test -> timedTryLock(test, scope, holder, lazy).ifPresent(regions::add);
            case MethodCallExpr call -> executorWait(call, scope, holder).ifPresent(regions::add);
            default -> {}
          }
        });
    return regions;
  }

  /**
   * Whether a lambda runs before the call it is passed to returns ({@code retry(() -> ...)}, {@code
   * forEach}, {@code Optional.map}): then it holds its locks in the enclosing body. A deferred or
   * stored one ({@code execute}, {@code add}) holds them elsewhere, later; so does one whose
   * consumer does not resolve, or is a constructor (as the checker, which reads only calls).
   */
  private boolean runsHere(LambdaExpr lambda) {
    Node arg = lambda;
    Node parent = lambda.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
      arg = parent;
      parent = parent.getParentNode().orElse(null);
    }
    Node passed = arg;
    boolean argument = false;
    if (parent instanceof MethodCallExpr call) {
      argument = call.getArguments().stream().anyMatch(a -> a == passed);
    } else if (parent instanceof ExplicitConstructorInvocationStmt call) {
      argument = call.getArguments().stream().anyMatch(a -> a == passed);
    }
    return argument
        && names
            .resolve(parent)
            .map(consumer -> LambdaPolicy.runsSynchronously(names.ref(consumer)))
            .orElse(false);
  }

  /**
   * Visits {@code root} and its descendants in source order, not entering classes, nor lambdas but
   * those {@code entered} accepts.
   */
  static void walk(Node root, Predicate<LambdaExpr> entered, Consumer<Node> visit) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node n = work.pop();
      visit.accept(n);
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        Node child = children.get(i);
        if (!(child instanceof LambdaExpr lambda && !entered.test(lambda)) && !isClassBody(child)) {
          work.push(child);
        }
      }
    }
  }

  private static boolean isClassBody(Node n) {
    return n instanceof TypeDeclaration<?>
        || n instanceof LocalClassDeclarationStmt
        || n instanceof LocalRecordDeclarationStmt
        || (n instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
            && n.getParentNode().orElse(null) instanceof ObjectCreationExpr);
  }

  /**
   * What an acquiring call locks: the kind, the object all callers share ({@code holderExpr}), its
   * permits, and the variable and text its release names.
   */
  record Acquire(
      LockRegion.Kind kind,
      Expression holderExpr,
      int permits,
      Sym lockSym,
      String lockText,
      MethodCallExpr call) {}

  /**
   * {@code lock.lock()} (or {@code semaphore.acquire()}) as statement {@code i}, or a guard {@code
   * if (!lock.tryLock(timeout, unit)) return;}: the region runs to the matching {@code
   * unlock()}/{@code release()}, or is the {@code try} block whose {@code finally} releases it, or
   * runs to the end of the block.
   */
  private Optional<LockRegion> lockRegion(
      List<Statement> statements, int i, JpScope scope, MethodRef holder, List<Node> lazy) {
    Statement statement = statements.get(i);
    Optional<Acquire> acquired = Optional.empty();
    if (statement instanceof ExpressionStmt e
        && Exprs.unwrap(e.getExpression()) instanceof MethodCallExpr call) {
      acquired = acquire(call, false);
    } else if (statement instanceof IfStmt guard
        && Exprs.unwrap(guard.getCondition()) instanceof UnaryExpr not
        && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
        && Exprs.unwrap(not.getExpression()) instanceof MethodCallExpr call
        && guard.getElseStmt().isEmpty()
        && exits(guard.getThenStmt())) {
      acquired = acquire(call, true);
    }
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    Acquire a = acquired.orElseThrow();
    List<Node> body = new ArrayList<>();
    for (int j = i + 1; j < statements.size(); j++) {
      Statement s = statements.get(j);
      if (releases(s, a.lockSym(), a.lockText())) {
        break;
      }
      if (s instanceof TryStmt t
          && t.getFinallyBlock().isPresent()
          && releasesAnywhere(t.getFinallyBlock().orElseThrow(), a.lockSym(), a.lockText())) {
        body.add(t.getTryBlock());
        break;
      }
      body.add(s);
    }
    return Optional.of(region(a, body, scope, holder, lazy));
  }

  /**
   * {@code if (lock.tryLock(timeout, unit)) { ... }}: the tasks that get the lock within the
   * timeout run the branch one at a time, the others wait for it first. (A {@code tryLock()}
   * without a timeout is no region: a task that finds the lock busy skips the work instead of
   * queueing for it.)
   */
  private Optional<LockRegion> timedTryLock(
      IfStmt node, JpScope scope, MethodRef holder, List<Node> lazy) {
    if (!(Exprs.unwrap(node.getCondition()) instanceof MethodCallExpr call)) {
      return Optional.empty();
    }
    return acquire(call, true)
        .map(a -> region(a, List.of(node.getThenStmt()), scope, holder, lazy));
  }

  private LockRegion region(
      Acquire a, List<? extends Node> body, JpScope scope, MethodRef holder, List<Node> lazy) {
    return new LockRegion(
        a.kind(),
        JpValues.source(a.holderExpr()),
        facts.receiver(a.holderExpr(), scope),
        values.isStaticObject(a.holderExpr()),
        a.permits(),
        JpValues.javacPosition(a.call()),
        holder,
        callsIn(body, scope),
        allLazy(body, lazy));
  }

  /** Whether a guard's branch leaves the block: ends with return, throw, break or continue. */
  private static boolean exits(Statement statement) {
    Statement last = statement;
    while (last instanceof BlockStmt block && !block.getStatements().isEmpty()) {
      last = block.getStatements().get(block.getStatements().size() - 1);
    }
    return last instanceof ReturnStmt
        || last instanceof ThrowStmt
        || last instanceof BreakStmt
        || last instanceof ContinueStmt;
  }

  /**
   * The lock a call takes: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, {@code
   * acquireUninterruptibly()}; with {@code timed}, {@code tryLock(timeout, unit)} and {@code
   * tryAcquire(..., timeout, unit)} instead. Only calls so named cost a resolution.
   */
  Optional<Acquire> acquire(MethodCallExpr call, boolean timed) {
    String name = call.getNameAsString();
    if (call.getScope().isEmpty()
        || !(timed ? LockCalls.TIMED_ACQUIRES : LockCalls.ACQUIRES).contains(name)) {
      return Optional.empty();
    }
    Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
    if (resolved.isEmpty()) {
      return Optional.empty(); // unresolved: no region, so no finding
    }
    Set<String> owners = names.closure(resolved.orElseThrow().declaringType());
    Optional<LockRegion.Kind> taken =
        LockCalls.acquired(owners, name, resolved.orElseThrow().getNumberOfParams(), timed);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    if (timed
        && (call.getArguments().size() < 2
            || !waits(call.getArgument(call.getArguments().size() - 2)))) {
      return Optional.empty(); // tryLock(0, unit): a busy lock is skipped, as by tryLock()
    }
    Expression lockExpr = Exprs.unwrap(call.getScope().orElseThrow());
    LockRegion.Kind kind = taken.orElseThrow();
    Expression holderExpr = lockExpr;
    int permits = 1;
    if (kind == LockRegion.Kind.LOCK) {
      Expression origin = lockExpr;
      Expression init = values.initializer(lockExpr);
      if (init != null) {
        origin = Exprs.unwrap(init);
      }
      Set<String> lockTypes = names.type(lockExpr).map(names::closure).orElse(Set.of());
      String side = sideOf(origin);
      kind = LockCalls.side(side, lockTypes).orElse(kind);
      if (!side.isEmpty() && origin == lockExpr) {
        // rw.writeLock().lock(): the object all callers share is the ReadWriteLock.
        holderExpr = ((MethodCallExpr) lockExpr).getScope().orElseThrow();
      }
    } else {
      permits = semaphorePermits(lockExpr);
    }
    return Optional.of(
        new Acquire(kind, holderExpr, permits, vars.of(lockExpr), JpValues.source(lockExpr), call));
  }

  /**
   * Whether a timeout may make the caller wait: anything but a constant {@code <= 0} (which makes
   * the timed form return at once, like the untimed one).
   */
  private boolean waits(Expression timeout) {
    OptionalLong value = values.longConstant(timeout);
    return value.isEmpty() || value.getAsLong() > 0;
  }

  /** {@code readLock} or {@code writeLock} for {@code rw.readLock()}, else empty. */
  private static String sideOf(Expression expr) {
    if (expr instanceof MethodCallExpr call
        && call.getArguments().isEmpty()
        && call.getScope().isPresent()) {
      String name = call.getNameAsString();
      if (LockCalls.SIDES.contains(name)) {
        return name;
      }
    }
    return "";
  }

  private boolean releases(Statement statement, Sym lock, String lockText) {
    return statement instanceof ExpressionStmt e
        && Exprs.unwrap(e.getExpression()) instanceof MethodCallExpr call
        && isRelease(call, lock, lockText);
  }

  private boolean isRelease(MethodCallExpr call, Sym lock, String lockText) {
    if (call.getScope().isEmpty()) {
      return false;
    }
    String name = call.getNameAsString();
    if (!LockCalls.RELEASES.contains(name)) {
      return false;
    }
    Expression on = Exprs.unwrap(call.getScope().orElseThrow());
    return lock != null ? vars.of(on) == lock : JpValues.source(on).equals(lockText);
  }

  boolean releasesAnywhere(Node tree, Sym lock, String lockText) {
    for (MethodCallExpr call : tree.findAll(MethodCallExpr.class)) {
      if (isRelease(call, lock, lockText)) {
        return true;
      }
    }
    return false;
  }

  private int semaphorePermits(Expression semaphore) {
    Expression init = values.initializer(semaphore);
    if (init == null) {
      init = semaphore; // new Semaphore(3).acquire(), or a variable the source does not fill
    }
    if (init != null
        && Exprs.unwrap(init) instanceof ObjectCreationExpr created
        && !created.getArguments().isEmpty()) {
      var n = values.intConstant(created.getArgument(0));
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
  private Optional<LockRegion> executorWait(MethodCallExpr node, JpScope scope, MethodRef holder) {
    String name = node.getNameAsString();
    if (node.getScope().isEmpty() || (!name.equals("get") && !name.equals("join"))) {
      return Optional.empty();
    }
    Expression future = Exprs.unwrap(node.getScope().orElseThrow());
    Sym futureSym = vars.of(future);
    if (futureSym != null && futureSym.isLocalOrParam()) {
      Expression init = scope.declared.get(futureSym);
      future = init == null ? null : Exprs.unwrap(init);
    }
    if (!(future instanceof MethodCallExpr submit)
        || submit.getScope().isEmpty()
        || !submit.getNameAsString().equals("submit")) {
      return Optional.empty();
    }
    Optional<ResolvedMethodLikeDeclaration> submitMethod = names.resolve(submit);
    if (submitMethod.isEmpty()
        || !names
            .closure(submitMethod.orElseThrow().declaringType())
            .contains(PipelineCalls.EXECUTOR)) {
      return Optional.empty();
    }
    Expression executor = Exprs.unwrap(submit.getScope().orElseThrow());
    Optional<JpWindows.Window> window = windows.executorWindow(executor, 0);
    if (window.isEmpty() || window.orElseThrow().source() != Pipeline.WindowSource.CONSTANT) {
      return Optional.empty();
    }
    return Optional.of(
        new LockRegion(
            LockRegion.Kind.EXECUTOR,
            JpValues.source(executor),
            facts.receiver(executor, scope),
            values.isStaticObject(executor),
            window.orElseThrow().k().getAsInt(),
            JpValues.javacPosition(node),
            holder,
            callsIn(List.of(node), scope),
            false));
  }

  List<dev.lockstep.analysis.facts.CallSite> callsIn(List<? extends Node> trees, JpScope scope) {
    return facts.calls(trees, scope);
  }

  // ---------------------------------------------------------------------------------------------
  // Lazy initialisation

  /**
   * The subtrees that run only while a field is still null: the branch of {@code if (field ==
   * null)} that assigns {@code field} (lazy or double-checked initialisation).
   */
  List<Node> lazyInitTrees(Node root) {
    List<Node> lazy = new ArrayList<>();
    if (root == null) {
      return lazy;
    }
    walkAll(
        root,
        n -> {
          if (n instanceof IfStmt test) {
            Sym field = nullCheckedField(test.getCondition());
            if (field != null && assigns(test.getThenStmt(), field)) {
              lazy.add(test.getThenStmt());
            }
          }
        });
    return lazy;
  }

  /** Visits {@code root} and its descendants, entering lambdas but not classes. */
  private static void walkAll(Node root, Consumer<Node> visit) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node n = work.pop();
      visit.accept(n);
      for (Node child : n.getChildNodes()) {
        if (!isClassBody(child)) {
          work.push(child);
        }
      }
    }
  }

  private Sym nullCheckedField(Expression condition) {
    if (!(Exprs.unwrap(condition) instanceof BinaryExpr test)
        || test.getOperator() != BinaryExpr.Operator.EQUALS) {
      return null;
    }
    Expression other;
    if (Exprs.unwrap(test.getLeft()) instanceof NullLiteralExpr) {
      other = Exprs.unwrap(test.getRight());
    } else if (Exprs.unwrap(test.getRight()) instanceof NullLiteralExpr) {
      other = Exprs.unwrap(test.getLeft());
    } else {
      return null;
    }
    Sym sym = vars.of(other);
    return sym != null && sym.kind == Sym.Kind.FIELD ? sym : null;
  }

  private boolean assigns(Node tree, Sym field) {
    for (AssignExpr assign : tree.findAll(AssignExpr.class)) {
      if (vars.of(assign.getTarget()) == field) {
        return true;
      }
    }
    return false;
  }

  /** Whether every call in the region (outside nested lambdas) sits in a lazy-init branch. */
  private static boolean allLazy(List<? extends Node> region, List<Node> lazy) {
    if (lazy.isEmpty()) {
      return false;
    }
    boolean[] any = {false};
    boolean[] all = {true};
    for (Node root : region) {
      walk(
          root,
          lambda -> false,
          n -> {
            if (n instanceof MethodCallExpr call) {
              any[0] = true;
              all[0] &= isUnder(call, lazy);
            }
          });
    }
    return any[0] && all[0];
  }

  private static boolean isUnder(Node node, List<Node> roots) {
    for (Node p = node; p != null; p = p.getParentNode().orElse(null)) {
      for (Node root : roots) {
        if (p == root) {
          return true;
        }
      }
    }
    return false;
  }

  /** A lambda's parameters, as per-item variables of a task scope. */
  void addParameters(LambdaExpr lambda, JpScope scope) {
    for (Parameter param : lambda.getParameters()) {
      scope.items.add(vars.declaration(param));
    }
  }

  /** Whether {@code node} is a lambda or method reference (a task body). */
  static boolean isFunction(Node node) {
    return node instanceof LambdaExpr || node instanceof MethodReferenceExpr;
  }
}
