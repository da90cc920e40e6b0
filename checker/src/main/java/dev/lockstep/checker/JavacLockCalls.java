package dev.lockstep.checker;

import static dev.lockstep.checker.JavacValues.constant;
import static dev.lockstep.checker.JavacValues.source;
import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.LockRegion;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The calls that take a {@code Lock} or a {@code Semaphore} permit ({@code lock()}, {@code
 * acquire()}, a timed {@code tryLock}) and the calls that give it back ({@code unlock()}, {@code
 * release()}). {@link JavacLockRegions} builds regions from them; {@link JavacWindows} finds the
 * semaphore that gates a pipeline's submissions with them. In the scanner these live in {@code
 * JavaParserConcurrency} ({@code lockRegion}, {@code releases}, {@code semaphorePermits}).
 */
@SuppressWarnings("ReferenceEquality") // javac symbols are compared by identity
final class JavacLockCalls {
  /** What an acquiring call locks: the kind, the object all callers share, and its permits. */
  record Acquire(
      LockRegion.Kind kind,
      ExpressionTree holderExpr,
      int permits,
      Symbol lockSym,
      String lockText,
      MethodInvocationTree call) {}

  private final JavacNames names;
  private final JavacValues values;

  JavacLockCalls(JavacNames names, JavacValues values) {
    this.names = names;
    this.values = values;
  }

  /**
   * The lock a call takes: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, {@code
   * acquireUninterruptibly()}; with {@code timed}, {@code tryLock(timeout, unit)} and {@code
   * tryAcquire(..., timeout, unit)} instead.
   */
  Optional<Acquire> acquire(MethodInvocationTree call, boolean timed, TreePath context) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    MethodSymbol method = methodSymbol(select);
    if (method == null) {
      return Optional.empty();
    }
    String name = method.name.toString();
    Set<String> owners = names.closure(method.owner.type);
    Optional<LockRegion.Kind> taken =
        LockCalls.acquired(owners, name, method.getParameters().size(), timed);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    if (timed && !waits(call.getArguments().get(call.getArguments().size() - 2))) {
      return Optional.empty(); // tryLock(0, unit): a busy lock is skipped, as by tryLock()
    }
    ExpressionTree lockExpr = unwrap(select.getExpression());
    LockRegion.Kind kind = taken.orElseThrow();
    ExpressionTree holderExpr = lockExpr;
    int permits = 1;
    if (kind == LockRegion.Kind.LOCK) {
      ExpressionTree origin = lockExpr;
      if (symbol(lockExpr) instanceof VarSymbol v) {
        ExpressionTree init = values.initializer(v, context);
        if (init != null) {
          origin = unwrap(init);
        }
      }
      Set<String> lockTypes = names.closure(type(lockExpr));
      String side = sideOf(origin);
      kind = LockCalls.side(side, lockTypes).orElse(kind);
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
      if (LockCalls.SIDES.contains(name)) {
        return name;
      }
    }
    return "";
  }

  /** Whether the statement is {@code lock.unlock()} or {@code lock.release()}. */
  static boolean releases(StatementTree statement, Symbol lock, String lockText) {
    return statement instanceof ExpressionStatementTree e
        && unwrap(e.getExpression()) instanceof MethodInvocationTree call
        && isRelease(call, lock, lockText);
  }

  private static boolean isRelease(MethodInvocationTree call, Symbol lock, String lockText) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    String name = select.getIdentifier().toString();
    if (!LockCalls.RELEASES.contains(name)) {
      return false;
    }
    ExpressionTree on = unwrap(select.getExpression());
    Symbol sym = symbol(on);
    return lock != null ? sym == lock : on.toString().equals(lockText);
  }

  /** Whether {@code tree} unlocks or releases the lock anywhere in it. */
  static boolean releasesAnywhere(Tree tree, Symbol lock, String lockText) {
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
      init = values.initializer(v, context);
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
}
