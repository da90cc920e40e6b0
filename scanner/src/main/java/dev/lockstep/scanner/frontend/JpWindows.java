package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The window {@code k} of an executor or a {@code BoundedWindow} as the source states it where it
 * is created, followed through variables: the port of the checker's {@code
 * JavacWindows.boundedWindow}/{@code executorWindow}/{@code size}. Empty: unknown origin.
 */
final class JpWindows {
  /** What the source says about an executor's or window's size. */
  record Window(Pipeline.WindowSource source, OptionalInt k, String text) {
    static final Window CORES = of(PipelineCalls.FixedWindow.CORES);
    static final Window COMMON = of(PipelineCalls.FixedWindow.COMMON);
    static final Window THREADS = of(PipelineCalls.FixedWindow.THREADS);

    /** A window the library fixes. */
    static Window of(PipelineCalls.FixedWindow fixed) {
      return new Window(fixed.source(), fixed.k(), fixed.text());
    }
  }

  private final JpNames names;
  private final JpValues values;

  JpWindows(JpNames names, JpValues values) {
    this.names = names;
    this.values = values;
  }

  /** {@code BoundedWindow.of(k)}, through its configuration calls and variables. */
  Optional<Window> boundedWindow(Expression expr, int depth) {
    Expression e = Exprs.unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodCallExpr call) {
      Optional<ResolvedMethodLikeDeclaration> m = names.resolve(call);
      if (m.isEmpty() || !names.ownerName(m.orElseThrow()).equals(PipelineCalls.BOUNDED_WINDOW)) {
        return Optional.empty();
      }
      String name = call.getNameAsString();
      if (name.equals(PipelineCalls.WINDOW_FACTORY)
          && JpNames.isStatic(m.orElseThrow())
          && call.getArguments().size() == 1) {
        return Optional.of(size(call.getArgument(0)));
      }
      if (PipelineCalls.WINDOW_CONFIG.contains(name) && call.getScope().isPresent()) {
        return boundedWindow(call.getScope().orElseThrow(), depth + 1);
      }
      return Optional.empty();
    }
    Expression init = values.initializer(e);
    return init == null ? Optional.empty() : boundedWindow(init, depth + 1);
  }

  /** The size an executor was created with, where it was created. Empty: unknown origin. */
  Optional<Window> executorWindow(Expression expr, int depth) {
    Expression e = Exprs.unwrap(expr);
    if (depth > 4) {
      return Optional.empty();
    }
    if (e instanceof MethodCallExpr call) {
      Optional<ResolvedMethodLikeDeclaration> m = names.resolve(call);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      List<Expression> args = call.getArguments();
      return PipelineCalls.factory(names.ownerName(m.orElseThrow()), call.getNameAsString())
          .flatMap(s -> s.window(args, this::size, Window::of));
    }
    if (e instanceof ObjectCreationExpr created) {
      List<Expression> args = created.getArguments();
      return PipelineCalls.constructor(names.type(created).map(names::typeName).orElse(""))
          .flatMap(s -> s.window(args, this::size, Window::of));
    }
    Expression init = values.initializer(e);
    return init == null ? Optional.empty() : executorWindow(init, depth + 1);
  }

  /** A size argument: a constant, the processors, or anything else (not a constant). */
  Window size(Expression arg) {
    OptionalInt k = values.intConstant(arg);
    if (k.isPresent()) {
      return new Window(Pipeline.WindowSource.CONSTANT, k, String.valueOf(k.getAsInt()));
    }
    Expression e = Exprs.unwrap(arg);
    if (e instanceof MethodCallExpr call
        && call.getScope().isPresent()
        && call.getNameAsString().equals(PipelineCalls.PROCESSORS)) {
      return Window.CORES;
    }
    return new Window(Pipeline.WindowSource.NON_CONSTANT, OptionalInt.empty(), JpValues.source(e));
  }
}
