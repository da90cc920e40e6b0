package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.TaskGates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * A pipeline's window {@code k} as the source states it: the size an executor or a {@code
 * BoundedWindow} is created with ({@link PipelineCalls}), followed through configuration calls and
 * variables, and the shared {@code Semaphore} that gates the tasks more tightly ({@link #gate}).
 * Empty: unknown origin.
 */
public final class Windows {
  private static final int MAX_DEPTH = 4;

  /**
   * What the source says about an executor's or window's size; {@code literal} is the integer
   * literal that states it at the creation site, when it is one (what a fix can resize).
   */
  public record Window(
      Pipeline.WindowSource source, OptionalInt k, String text, Optional<Node> literal) {
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

  private final Values values;
  private final LockCallReader lockCalls;

  public Windows(Values values, LockCallReader lockCalls) {
    this.values = values;
    this.lockCalls = lockCalls;
  }

  /**
   * {@code BoundedWindow.of(k)}, through its configuration calls and variables.
   *
   * @param methodBody the body of the method around the expression
   */
  public Optional<Window> boundedWindow(Node expr, Node methodBody) {
    return origin(expr, methodBody, 0, (e, depth) -> windowCall(e, methodBody, depth));
  }

  private Optional<Window> windowCall(Node e, Node methodBody, int depth) {
    if (!(e instanceof Call call)) {
      return Optional.empty();
    }
    Target m = call.resolve().orElse(null);
    if (m == null || !m.owner().name().equals(PipelineCalls.BOUNDED_WINDOW)) {
      return Optional.empty();
    }
    if (m.name().equals(PipelineCalls.WINDOW_FACTORY) && m.isStatic() && call.args().size() == 1) {
      return Optional.of(size(call.args().get(0)));
    }
    if (PipelineCalls.WINDOW_CONFIG.contains(m.name()) && call.receiver() != null) {
      return origin(call.receiver(), methodBody, depth + 1, (r, d) -> windowCall(r, methodBody, d));
    }
    return Optional.empty();
  }

  /** The size an executor was created with, where it was created. Empty: unknown origin. */
  public Optional<Window> executorWindow(Node expr, Node methodBody) {
    return origin(expr, methodBody, 0, (e, depth) -> executorCreated(e));
  }

  /**
   * The size an executor that runs a pipeline was created with; when the code got it from elsewhere
   * (a parameter, a field it is handed or injected with, a factory outside the sources), a window
   * of unknown size ({@link Pipeline.WindowSource#UNKNOWN}). Empty when the sources choose among
   * several executors (a field set in two places): one of them may have one worker.
   */
  public Optional<Window> pipelineExecutor(Node expr, Node methodBody) {
    Optional<Window> known = executorWindow(expr, methodBody);
    if (known.isPresent() || !fromElsewhere(expr, methodBody, 0)) {
      return known;
    }
    return Optional.of(
        new Window(
            Pipeline.WindowSource.UNKNOWN, OptionalInt.empty(), Values.quote(Nodes.unwrap(expr))));
  }

  /** Whether the executor comes from outside the sources, through one variable after another. */
  private boolean fromElsewhere(Node expr, Node methodBody, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    Node e = Nodes.unwrap(expr);
    Var v = Nodes.var(e);
    if (v == null) {
      // A factory or getter the model does not know, unless it is one that runs tasks in turn.
      return e instanceof Call call && !PipelineCalls.SERIAL_EXECUTORS.contains(call.name());
    }
    if (values.setInSeveralPlaces(v)) {
      return false;
    }
    Node init = values.initializer(v, methodBody);
    if (init == null) {
      // A parameter, or a field the class never sets (injected); not a local set in branches.
      return v.kind() != Var.Kind.LOCAL;
    }
    return fromElsewhere(init, methodBody, depth + 1);
  }

  private static Optional<Window> executorCreated(Node e) {
    if (e instanceof Call call) {
      return call.resolve()
          .flatMap(m -> PipelineCalls.factory(m.owner().name(), m.name()))
          .flatMap(s -> s.window(call.args(), a -> sized(s, a), Window::of));
    }
    if (e instanceof New created) {
      return PipelineCalls.constructor(created.src().type().name())
          .flatMap(s -> s.window(created.args(), a -> sized(s, a), Window::of));
    }
    return Optional.empty();
  }

  /**
   * Follows {@code expr} through the variables it is assigned to, at most {@value #MAX_DEPTH}
   * steps, to the expression that creates it, and reads the window there with {@code created}.
   */
  private Optional<Window> origin(
      Node expr, Node methodBody, int depth, BiFunction<Node, Integer, Optional<Window>> created) {
    if (depth > MAX_DEPTH) {
      return Optional.empty();
    }
    Node e = Nodes.unwrap(expr);
    Var v = Nodes.var(e);
    if (v == null) {
      return created.apply(e, depth);
    }
    Node init = values.initializer(v, methodBody);
    return init == null ? Optional.empty() : origin(init, methodBody, depth + 1, created);
  }

  /** The size argument, with its literal only when a fix may rewrite it. */
  private static Window sized(PipelineCalls.ExecutorSize model, Node arg) {
    Window window = size(arg);
    return model.resizable() ? window : new Window(window.source(), window.k(), window.text());
  }

  /** A size argument: a constant, the processors, or anything else (not a constant). */
  private static Window size(Node arg) {
    OptionalInt k = Values.intConstant(arg);
    Node e = Nodes.unwrap(arg);
    if (k.isPresent()) {
      return new Window(
          Pipeline.WindowSource.CONSTANT,
          k,
          String.valueOf(k.getAsInt()),
          e instanceof Literal l && l.value() instanceof Integer
              ? Optional.of(arg)
              : Optional.empty());
    }
    if (e instanceof Call call
        && call.receiver() != null
        && call.name().equals(PipelineCalls.PROCESSORS)) {
      return Window.CORES;
    }
    return new Window(Pipeline.WindowSource.NON_CONSTANT, OptionalInt.empty(), Values.quote(e));
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
   *
   * @param submission the call that hands the tasks over
   * @param parents the parents of the nodes of the method body around it
   */
  public Optional<Window> gate(
      Window window,
      Call submission,
      Parents parents,
      List<Node> tasks,
      List<LockRegion> locks,
      MethodRef taskHolder) {
    OptionalInt k =
        window.source() == Pipeline.WindowSource.CONSTANT ? window.k() : OptionalInt.empty();
    Optional<Window> gate = submitterGate(submission, parents, tasks);
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
  private Optional<Window> submitterGate(Call submission, Parents parents, List<Node> tasks) {
    Optional<Parents.InBlock> statement = parents.statementOf(submission);
    if (statement.isEmpty()) {
      return Optional.empty();
    }
    Block block = statement.orElseThrow().block();
    List<Node> statements = block.statements();
    for (int i = statement.orElseThrow().index() - 1; i >= 0; i--) {
      if (Nodes.unwrap(statements.get(i)) instanceof Call call) {
        Optional<LockCallReader.Acquire> acquired = lockCalls.acquire(call, false, parents.root());
        if (acquired.isPresent()) {
          LockCallReader.Acquire a = acquired.orElseThrow();
          if (a.kind() != LockRegion.Kind.SEMAPHORE || a.permits() < 1) {
            return Optional.empty();
          }
          for (Node task : tasks) {
            if (!lockCalls.releasesAnywhere(task, a.lock(), a.lockText())) {
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
