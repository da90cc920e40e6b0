package dev.lockstep.checker;

import static dev.lockstep.checker.JavacLockCalls.releases;
import static dev.lockstep.checker.JavacLockCalls.releasesAnywhere;
import static dev.lockstep.checker.JavacValues.isStaticObject;
import static dev.lockstep.checker.JavacValues.source;
import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.LambdaPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The javac front end of the effective-parallelism checks, part one: the {@link LockRegion}s of a
 * method or task body — {@code synchronized} methods and blocks, {@code Lock} and {@code Semaphore}
 * regions (also a timed {@code tryLock}), a wait on an executor of known size, and the locks taken
 * in a lambda that runs before the call it is passed to returns. {@link JavacPipelines} reads the
 * pipelines. Like {@link JavacFacts} it only reports what the trees say: whether a lock is shared
 * by the tasks, and whether it serializes them, is the analysis' judgement. The scanner's twin is
 * {@code JavaParserConcurrency}.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols and trees are compared by identity
final class JavacLockRegions {
  private final JavacFacts facts;
  private final JavacNames names;
  private final JavacLockCalls lockCalls;
  private final JavacWindows windows;

  JavacLockRegions(
      JavacFacts facts, JavacNames names, JavacLockCalls lockCalls, JavacWindows windows) {
    this.facts = facts;
    this.names = names;
    this.lockCalls = lockCalls;
    this.windows = windows;
  }

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
              callsIn(List.of(tree.getBody()), scope),
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
  List<LockRegion> regionsIn(
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
                callsIn(List.of(node.getBlock()), scope),
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
    Optional<JavacLockCalls.Acquire> acquired = Optional.empty();
    if (statement instanceof ExpressionStatementTree e
        && unwrap(e.getExpression()) instanceof MethodInvocationTree call) {
      acquired = lockCalls.acquire(call, false, context);
    } else if (statement instanceof IfTree guard
        && unwrap(guard.getCondition()) instanceof com.sun.source.tree.UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && unwrap(not.getExpression()) instanceof MethodInvocationTree call
        && guard.getElseStatement() == null
        && exits(guard.getThenStatement())) {
      acquired = lockCalls.acquire(call, true, context);
    }
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    JavacLockCalls.Acquire a = acquired.orElseThrow();
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
    return lockCalls
        .acquire(call, true, context)
        .map(a -> region(a, List.of(node.getThenStatement()), unit, scope, holder, lazy));
  }

  private LockRegion region(
      JavacLockCalls.Acquire a,
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
        callsIn(body, scope),
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
        || !names.closure(submitMethod.owner.type).contains(PipelineCalls.EXECUTOR)) {
      return Optional.empty();
    }
    ExpressionTree executor = unwrap(submitSelect.getExpression());
    Optional<JavacWindows.Window> window = windows.executorWindow(executor, context, 0);
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
            callsIn(List.of(node), scope),
            false));
  }

  private List<CallSite> callsIn(List<? extends Tree> trees, Scope scope) {
    return facts.calls(trees, scope);
  }

  /**
   * The subtrees that run only while a field is still null: the branch of {@code if (field ==
   * null)} that assigns {@code field} (lazy or double-checked initialisation).
   */
  static Set<Tree> lazyInitTrees(Tree root) {
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
}
