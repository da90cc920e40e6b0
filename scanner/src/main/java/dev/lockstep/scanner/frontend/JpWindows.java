package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.facts.Pipeline;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The window {@code k} of an executor or a {@code BoundedWindow} as the source states it where it
 * is created, followed through variables: the port of the checker's {@code
 * JavacWindows.boundedWindow}/{@code executorWindow}/{@code size}. Empty: unknown origin.
 */
final class JpWindows {
  /** What the source says about an executor's or window's size. */
  record Window(Pipeline.WindowSource source, OptionalInt k, String text) {
    static final Window CORES =
        new Window(Pipeline.WindowSource.CORES, OptionalInt.empty(), "cores");
    static final Window COMMON =
        new Window(Pipeline.WindowSource.COMMON_POOL, OptionalInt.empty(), "common");
    static final Window UNBOUNDED =
        new Window(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "unbounded");

    /** A thread per item ({@code Thread.ofVirtual().start(task)} in a loop). */
    static final Window THREADS =
        new Window(Pipeline.WindowSource.UNBOUNDED, OptionalInt.empty(), "threads");
  }

  private static final Set<String> WINDOW_CONFIG =
      Set.of("unordered", "ordered", "executor", "timeout", "onStats");

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
      if (m.isEmpty() || !names.ownerName(m.orElseThrow()).equals(JavaParserFacts.BOUNDED_WINDOW)) {
        return Optional.empty();
      }
      String name = call.getNameAsString();
      if (name.equals("of")
          && JpNames.isStatic(m.orElseThrow())
          && call.getArguments().size() == 1) {
        return Optional.of(size(call.getArgument(0)));
      }
      if (WINDOW_CONFIG.contains(name) && call.getScope().isPresent()) {
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
      String owner = names.ownerName(m.orElseThrow());
      String name = call.getNameAsString();
      List<Expression> args = call.getArguments();
      if (owner.equals("java.util.concurrent.Executors")) {
        return switch (name) {
          case "newFixedThreadPool", "newScheduledThreadPool" ->
              args.isEmpty() ? Optional.empty() : Optional.of(size(args.get(0)));
          case "newWorkStealingPool" ->
              Optional.of(args.isEmpty() ? Window.CORES : size(args.get(0)));
          case "newSingleThreadExecutor", "newSingleThreadScheduledExecutor" ->
              Optional.of(new Window(Pipeline.WindowSource.CONSTANT, OptionalInt.of(1), "1"));
          case "newCachedThreadPool",
              "newVirtualThreadPerTaskExecutor",
              "newThreadPerTaskExecutor" ->
              Optional.of(Window.UNBOUNDED);
          default -> Optional.empty();
        };
      }
      if (owner.equals("java.util.concurrent.ForkJoinPool") && name.equals("commonPool")) {
        return Optional.of(Window.COMMON);
      }
      return Optional.empty();
    }
    if (e instanceof ObjectCreationExpr created) {
      String type = names.type(created).map(names::typeName).orElse("");
      List<Expression> args = created.getArguments();
      return switch (type) {
        case "java.util.concurrent.ThreadPoolExecutor" ->
            args.size() >= 2 ? Optional.of(size(args.get(1))) : Optional.empty();
        case "java.util.concurrent.ScheduledThreadPoolExecutor" ->
            args.isEmpty() ? Optional.empty() : Optional.of(size(args.get(0)));
        case "java.util.concurrent.ForkJoinPool" ->
            Optional.of(args.isEmpty() ? Window.CORES : size(args.get(0)));
        default -> Optional.empty();
      };
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
        && call.getNameAsString().equals("availableProcessors")) {
      return Window.CORES;
    }
    return new Window(Pipeline.WindowSource.NON_CONSTANT, OptionalInt.empty(), JpValues.source(e));
  }
}
