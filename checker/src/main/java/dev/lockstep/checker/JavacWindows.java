package dev.lockstep.checker;

import static dev.lockstep.checker.JavacValues.constant;
import static dev.lockstep.checker.JavacValues.source;
import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.TaskGates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pipeline's window {@code k} as the source states it: the size an executor or a {@code
 * BoundedWindow} is created with, followed through configuration calls and variables, and the
 * shared {@code Semaphore} that gates the tasks more tightly ({@link #gate}). Empty: unknown
 * origin. The scanner's twins are {@code JpWindows} and {@code JpGates}.
 */
final class JavacWindows {
  /**
   * What the source says about an executor's or window's size; {@code literal} is the integer
   * literal that states it at the creation site, when it is one (what a fix can resize).
   */
  record Window(
      Pipeline.WindowSource source, OptionalInt k, String text, Optional<ExpressionTree> literal) {
    static final Window CORES = of(PipelineCalls.FixedWindow.CORES);
    static final Window COMMON = of(PipelineCalls.FixedWindow.COMMON);
    static final Window THREADS = of(PipelineCalls.FixedWindow.THREADS);

    /** A window the library fixes. */
    static Window of(PipelineCalls.FixedWindow fixed) {
      return new Window(fixed.source(), fixed.k(), fixed.text());
    }

    Window(Pipeline.WindowSource source, OptionalInt k, String text) {
      this(source, k, text, Optional.empty());
    }
  }

  private final JavacNames names;
  private final JavacValues values;
  private final JavacLockCalls lockCalls;

  JavacWindows(JavacNames names, JavacValues values, JavacLockCalls lockCalls) {
    this.names = names;
    this.values = values;
    this.lockCalls = lockCalls;
  }

  /** {@code BoundedWindow.of(k)}, through its configuration calls and variables. */
  Optional<Window> boundedWindow(ExpressionTree expr, TreePath context, int depth) {
    ExpressionTree e = unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodInvocationTree call) {
      MethodSymbol m = methodSymbol(call.getMethodSelect());
      if (m == null || !names.typeName(m.owner.type).equals(PipelineCalls.BOUNDED_WINDOW)) {
        return Optional.empty();
      }
      String name = m.name.toString();
      if (name.equals(PipelineCalls.WINDOW_FACTORY)
          && m.isStatic()
          && call.getArguments().size() == 1) {
        return Optional.of(size(call.getArguments().get(0)));
      }
      if (PipelineCalls.WINDOW_CONFIG.contains(name)
          && call.getMethodSelect() instanceof MemberSelectTree s) {
        return boundedWindow(s.getExpression(), context, depth + 1);
      }
      return Optional.empty();
    }
    if (symbol(e) instanceof VarSymbol v) {
      ExpressionTree init = values.initializer(v, context);
      return init == null ? Optional.empty() : boundedWindow(init, context, depth + 1);
    }
    return Optional.empty();
  }

  /** The size an executor was created with, where it was created. Empty: unknown origin. */
  Optional<Window> executorWindow(ExpressionTree expr, TreePath context, int depth) {
    ExpressionTree e = unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodInvocationTree call) {
      MethodSymbol m = methodSymbol(call.getMethodSelect());
      if (m == null) {
        return Optional.empty();
      }
      List<? extends ExpressionTree> args = call.getArguments();
      return PipelineCalls.factory(names.typeName(m.owner.type), m.name.toString())
          .flatMap(s -> s.window(args, a -> sized(s, a), Window::of));
    }
    if (e instanceof NewClassTree created) {
      List<? extends ExpressionTree> args = created.getArguments();
      return PipelineCalls.constructor(names.typeName(type(created)))
          .flatMap(s -> s.window(args, a -> sized(s, a), Window::of));
    }
    if (symbol(e) instanceof VarSymbol v) {
      ExpressionTree init = values.initializer(v, context);
      return init == null ? Optional.empty() : executorWindow(init, context, depth + 1);
    }
    return Optional.empty();
  }

  /** The size argument, with its literal only when a fix may rewrite it. */
  private static Window sized(PipelineCalls.ExecutorSize model, ExpressionTree arg) {
    Window window = size(arg);
    return model.resizable() ? window : new Window(window.source(), window.k(), window.text());
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
        && s.getIdentifier().contentEquals(PipelineCalls.PROCESSORS)) {
      return Window.CORES;
    }
    return new Window(Pipeline.WindowSource.NON_CONSTANT, OptionalInt.empty(), source(e));
  }

  // ---------------------------------------------------------------------------------------------
  // Semaphore gates

  /**
   * A shared {@code Semaphore(n)} that bounds the tasks more tightly than the executor does: the
   * window is then {@code n}. Two shapes: the submitting loop acquires a permit before each
   * submission and the task releases it; or the task acquires it in its own body while the
   * executor's size is not known (virtual threads, a cached pool, a non-constant size). A task's
   * own semaphore under a pool of known size stays what it was: a serialization point of {@code n}
   * (an oversized pool).
   */
  Optional<Window> gate(
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
    return TaskGates.taskGate(window.source(), locks, taskHolder)
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
        Optional<JavacLockCalls.Acquire> acquired = lockCalls.acquire(call, false, path);
        if (acquired.isPresent()) {
          JavacLockCalls.Acquire a = acquired.orElseThrow();
          if (a.kind() != LockRegion.Kind.SEMAPHORE || a.permits() < 1) {
            return Optional.empty();
          }
          for (Tree task : tasks) {
            if (!JavacLockCalls.releasesAnywhere(task, a.lockSym(), a.lockText())) {
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
}
