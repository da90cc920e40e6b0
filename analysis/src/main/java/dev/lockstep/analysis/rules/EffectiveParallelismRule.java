package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.finding.Parallelism;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.SerialPoint;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * {@code FakeConcurrency} and {@code OversizedWindow}: a pipeline of window {@code k} whose every
 * task reaches a serialization point of parallelism {@code p} ({@link SerialPoint}). The effective
 * parallelism is {@code min(k, p)} over every point the task reaches; {@code 1} with {@code k > 1}
 * is fake concurrency (the pool is overhead), {@code 1 < p < k} an oversized window ({@code k − p}
 * workers wait at any time).
 *
 * <p>Checked in this order (the first that fails is the {@link PipelineVerdict.Clean} reason):
 *
 * <ol>
 *   <li>serial execution is not declared intended: {@code @Sequential} on the method that sets up
 *       the pipeline (or a type around it), or on a method the task consists of;
 *   <li>the window is not {@code 1}: a single-thread executor is confinement, not a pretence;
 *   <li>a task reaches a serialization point every task shares ({@link Summaries#taskPoints}): a
 *       lock held across a wait, a semaphore or executor of known size waited on, a declared
 *       resource;
 *   <li>its parallelism is below {@code k}; when {@code k} is unknown (not a constant, unbounded)
 *       only parallelism {@code 1} is reported — any {@code k > 1} collapses to it.
 * </ol>
 *
 * <p>{@code k} of the common pool is {@code cores − 1}, of a parallel stream {@code cores}, with
 * {@code cores} from the configuration (a fixed default, so the build is reproducible).
 */
public final class EffectiveParallelismRule {
  private static final String KEEP = "keep it and say why with @Sequential(reason=\u2026)";

  private final Summaries summaries;
  private final int cores;

  public EffectiveParallelismRule(Summaries summaries, int cores) {
    this.summaries = requireNonNull(summaries, "summaries");
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1: " + cores);
    }
    this.cores = cores;
  }

  /** {@code k}, when the analysis knows it. */
  public OptionalInt window(Pipeline pipeline) {
    return switch (pipeline.windowSource()) {
      case CONSTANT -> pipeline.window();
      case COMMON_POOL -> OptionalInt.of(Math.max(1, cores - 1));
      case CORES -> OptionalInt.of(cores);
      case NON_CONSTANT, UNBOUNDED, UNKNOWN -> OptionalInt.empty();
    };
  }

  public PipelineVerdict judge(Pipeline pipeline) {
    if (pipeline.enclosingMarks().has(Mark.SEQUENTIAL) || taskIsSequential(pipeline)) {
      return new PipelineVerdict.Clean(
          PipelineVerdict.Reason.SEQUENTIAL, "@Sequential: serial execution is intended");
    }
    OptionalInt k = window(pipeline);
    if (k.isPresent() && k.getAsInt() <= 1) {
      return new PipelineVerdict.Clean(
          PipelineVerdict.Reason.CONFINED, "one worker: confinement, not concurrency");
    }
    List<SerialPoint> points = summaries.taskPoints(pipeline.taskCalls(), pipeline.taskLocks());
    Optional<SerialPoint> limiting =
        points.stream()
            .min(
                Comparator.comparingInt(SerialPoint::parallelism)
                    // On a tie, a lock held across a visible wait is the better witness.
                    .thenComparing(p -> p.across().isEmpty())
                    .thenComparing(SerialPoint::declared)
                    .thenComparingInt(p -> p.path().size()));
    if (limiting.isEmpty()) {
      return new PipelineVerdict.Clean(
          PipelineVerdict.Reason.NO_SERIALIZATION_POINT,
          "no task reaches a lock shared by all tasks and held across a wait");
    }
    SerialPoint point = limiting.orElseThrow();
    int p = point.parallelism();
    if (k.isPresent() && p >= k.getAsInt()) {
      return new PipelineVerdict.Clean(
          PipelineVerdict.Reason.WIDE_ENOUGH,
          resourceName(point) + " admits " + p + " of " + k.getAsInt() + " workers");
    }
    if (k.isEmpty() && p > 1) {
      return new PipelineVerdict.Clean(
          PipelineVerdict.Reason.UNKNOWN_WINDOW,
          "window not known; " + resourceName(point) + " admits " + p);
    }
    String check = p == 1 ? Checks.FAKE_CONCURRENCY : Checks.OVERSIZED_WINDOW;
    String message =
        p == 1 ? fakeMessage(pipeline, point) : oversizedMessage(pipeline, point, k.getAsInt());
    List<WaitChain> chains = List.of(witness(pipeline, point));
    Finding finding =
        new Finding(
            check,
            pipeline.location(),
            message,
            chains,
            new Cost(1, OptionalInt.empty(), k.orElse(1)),
            new FixPlan.NoRewrite("the fix is a design decision"),
            Optional.of(new Parallelism(k, p, resourceName(point))));
    return new PipelineVerdict.Flagged(finding);
  }

  /** A task that is one call of a method annotated {@code @Sequential} ({@code this::sync}). */
  private static boolean taskIsSequential(Pipeline pipeline) {
    List<CallSite> direct =
        pipeline.taskCalls().stream().filter(c -> c.runVia().isEmpty()).toList();
    return !direct.isEmpty() && direct.stream().allMatch(c -> c.targetMarks().has(Mark.SEQUENTIAL));
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  private String fakeMessage(Pipeline pipeline, SerialPoint point) {
    return workers(pipeline)
        + ", effective parallelism 1: each task reaches "
        + describe(point)
        + ". Chain: "
        + chain(pipeline, point)
        + ". Fix: remove the "
        + noun(pipeline)
        + " and loop (same speed, less overhead), or widen the bottleneck ("
        + widen(point)
        + ", declared with @ResourceParallelism(n)), or "
        + KEEP
        + ".";
  }

  private String oversizedMessage(Pipeline pipeline, SerialPoint point, int k) {
    int p = point.parallelism();
    return "window "
        + k
        + " > "
        + (point.declared() ? "declared " : "")
        + "parallelism "
        + p
        + " of "
        + resourceName(point)
        + ": "
        + (k - p)
        + " workers wait at any time. Each task reaches "
        + describe(point)
        + ". Chain: "
        + chain(pipeline, point)
        + ". Fix: size the window to the resource ("
        + sized(pipeline, p)
        + "), or widen the resource and declare its capacity with @ResourceParallelism(n), or "
        + KEEP
        + ".";
  }

  private String workers(Pipeline pipeline) {
    return switch (pipeline.windowSource()) {
      case CONSTANT ->
          pipeline.window().getAsInt()
              + " workers"
              + (pipeline.kind() == Pipeline.Kind.SEMAPHORE_GATED
                  ? " (gated by semaphore '" + pipeline.windowText() + "')"
                  : "");
      // Not a constant, but any window above 1 collapses to the same 1.
      case NON_CONSTANT -> "'" + pipeline.windowText() + "' (not a constant) workers";
      case UNBOUNDED -> "unbounded workers";
      // Got from elsewhere: whatever its size above 1, the tasks collapse to the same 1.
      case UNKNOWN ->
          pipeline.kind() == Pipeline.Kind.THREAD_PER_ITEM
              ? "a thread per item (" + pipeline.windowText() + "; how many at once not known)"
              : "'" + pipeline.windowText() + "' (an executor of unknown size) workers";
      case COMMON_POOL ->
          Math.max(1, cores - 1) + " workers (common pool: cores \u2212 1, cores = " + cores + ")";
      case CORES -> cores + " workers (\u2248 cores, cores = " + cores + ")";
    };
  }

  private static String noun(Pipeline pipeline) {
    return switch (pipeline.kind()) {
      case EXECUTOR -> "pool";
      case BOUNDED_WINDOW -> "window";
      case PARALLEL_STREAM -> "parallel stream";
      case COMPLETABLE_FUTURES -> "async tasks";
      case SEMAPHORE_GATED -> "gate";
      case THREAD_PER_ITEM -> "threads";
    };
  }

  private static String sized(Pipeline pipeline, int p) {
    return switch (pipeline.kind()) {
      case BOUNDED_WINDOW -> "BoundedWindow.of(" + p + ")";
      case EXECUTOR, THREAD_PER_ITEM -> "a pool of " + p + " threads";
      case SEMAPHORE_GATED -> "new Semaphore(" + p + ") for '" + pipeline.windowText() + "'";
      case PARALLEL_STREAM, COMPLETABLE_FUTURES -> "run the tasks on a pool of " + p + " threads";
    };
  }

  /**
   * {@code the shared 'session'}, {@code the static 'LOCK'}, {@code the shared Registry instance}.
   */
  private static String shared(SerialPoint point) {
    if (point.identity().startsWith("static ")) {
      return "the static '" + point.lock() + "'";
    }
    boolean onThis = point.lock().isEmpty() || point.lock().equals("this");
    if (point.via().isEmpty()) {
      return onThis
          ? "the shared " + owner(point) + " instance"
          : "the shared '" + point.lock() + "'";
    }
    return "the shared '"
        + (onThis || point.lock().equals(point.via())
            ? point.via()
            : point.via() + "." + point.lock())
        + "'";
  }

  /** The type part of {@code Type.method}. */
  private static String owner(SerialPoint point) {
    int dot = point.holder().indexOf('.');
    return dot < 0 ? point.holder() : point.holder().substring(0, dot);
  }

  /** How a point reads in a message: its holder, the lock, where, and the wait held across. */
  static String describe(SerialPoint point) {
    String where = point.where().render();
    String across =
        point
            .across()
            .map(
                c ->
                    c.waitHop().name()
                        + (c.waitHop().location().line() > 0
                            ? " (" + c.waitHop().location().render() + ")"
                            : ""))
            .orElse("");
    return switch (point.kind()) {
      case MONITOR ->
          point.holder()
              + " (synchronized on "
              + shared(point)
              + ", "
              + where
              + ") which holds the monitor across "
              + across;
      case LOCK, WRITE_LOCK ->
          point.holder()
              + " (locks "
              + shared(point)
              + (point.kind() == SerialPoint.Kind.WRITE_LOCK ? " write lock" : "")
              + ", "
              + where
              + ") which holds the lock across "
              + across;
      case SEMAPHORE ->
          point.holder()
              + " (acquires "
              + shared(point)
              + " semaphore of "
              + point.parallelism()
              + (point.parallelism() == 1 ? " permit, " : " permits, ")
              + where
              + ") which holds a permit across "
              + across;
      case EXECUTOR ->
          point.holder()
              + " (hands work to "
              + shared(point)
              + " executor of "
              + point.parallelism()
              + (point.parallelism() == 1 ? " thread, " : " threads, ")
              + where
              + ") and waits for it with "
              + across;
      case DECLARED ->
          point.holder()
              + " (declared "
              + (point.parallelism() == 1
                  ? "@SerializedResource"
                  : "@ResourceParallelism(" + point.parallelism() + ")")
              + ", "
              + where
              + ")"
              + (across.isEmpty() ? "" : " which waits on " + across);
      case LIBRARY_SYNCHRONIZED ->
          point.holder()
              + " (synchronized, on "
              + shared(point)
              + ", "
              + where
              + ") which holds the monitor while it waits";
    };
  }

  /** How the finding names the bottleneck: {@code ErpGateway}, {@code semaphore 'permits'}. */
  static String resourceName(SerialPoint point) {
    return switch (point.kind()) {
      case DECLARED -> point.holder();
      case SEMAPHORE -> "semaphore '" + lockName(point) + "'";
      case EXECUTOR -> "executor '" + lockName(point) + "'";
      case MONITOR, LOCK, WRITE_LOCK, LIBRARY_SYNCHRONIZED -> "'" + lockName(point) + "'";
    };
  }

  private static String lockName(SerialPoint point) {
    if (point.lock().isEmpty() || point.lock().equals("this")) {
      return point.via().isEmpty() ? owner(point) : point.via();
    }
    return point.lock();
  }

  private static String widen(SerialPoint point) {
    String name = lockName(point);
    String simple = name.substring(name.lastIndexOf('.') + 1);
    String plural = plural(simple);
    return switch (point.kind()) {
      case SEMAPHORE -> "more permits on '" + name + "'";
      case EXECUTOR -> "a wider executor than '" + name + "'";
      case LOCK, WRITE_LOCK -> "finer-grained locks, one per key";
      case MONITOR, DECLARED, LIBRARY_SYNCHRONIZED ->
          point.identity().startsWith("static ")
              ? "one lock per resource instead of the static '" + name + "'"
              : "a pool of " + plural;
    };
  }

  /** {@code sessions}, {@code mutexes}, {@code legacies}: good enough for identifiers. */
  static String plural(String noun) {
    if (noun.matches(".*(s|x|z|ch|sh)")) {
      return noun + "es";
    }
    if (noun.matches(".*[^aeiouAEIOU]y")) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }

  private static String chain(Pipeline pipeline, SerialPoint point) {
    List<Hop> hops = new ArrayList<>();
    hops.add(new Hop(pipeline.enclosing().name(), pipeline.location()));
    hops.addAll(point.path());
    return hops.stream().map(EffectiveParallelismRule::render).collect(Collectors.joining(" -> "));
  }

  private static String render(Hop hop) {
    Location at = hop.location();
    return at.line() > 0 ? hop.name() + " (" + at.render() + ")" : hop.name();
  }

  /** The whole witness: the pipeline, the calls to the lock, the wait it is held across. */
  private static WaitChain witness(Pipeline pipeline, SerialPoint point) {
    List<Hop> hops = new ArrayList<>();
    hops.add(new Hop(pipeline.enclosing().name(), pipeline.location()));
    hops.addAll(point.path());
    hops.add(new Hop(point.holder(), point.where()));
    point.across().ifPresent(c -> hops.addAll(c.hops()));
    return new WaitChain(hops, point.across().map(WaitChain::tag).orElse(WaitTag.LOCK));
  }
}
