package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.SerialPoint.Anchor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serialization-point analysis of one body: which locks it holds across a wait, which declared
 * resources it calls, and how a callee's points carry over to its caller. {@link Summaries} runs it
 * over the call graph; the rules run it once more on a pipeline's task.
 *
 * <h2>Sharedness</h2>
 *
 * <p>A lock serializes a pipeline only when every task reaches the <em>same</em> lock object. The
 * analysis tracks the lock object relative to the scope ({@link Anchor}): a static lock (a static
 * field, a class literal, a {@code static synchronized} method) is {@link Anchor#GLOBAL}; {@code
 * this} or a field of it is {@link Anchor#RECEIVER}, shared exactly when the callers share the
 * receiver. Going up one call, a receiver-anchored point stays receiver-anchored when the call is
 * made on {@code this} or on a field; in a task it becomes shared when the call is made on anything
 * every task sees (the captured {@code this}, a field, a static, a captured local or parameter).
 * Anything else — an object created in the scope ({@code new Lock()} inside the task), the loop
 * item or something reached from it, a call's result ({@code pool.borrow()}), a parameter of a
 * helper — drops the point: unknown sharedness is no finding.
 *
 * <h2>What is not a point</h2>
 *
 * <ul>
 *   <li>a region that holds its lock across no wait (a counter, an append, a cache put, a log
 *       line): waiting happens outside it, so tasks overlap their waits;
 *   <li>a read lock (readers share it), a lazy-initialisation region (held across the wait once);
 *   <li>a semaphore or executor whose size the source does not state;
 *   <li>a library {@code synchronized} method that does not wait ({@code PrintStream.println},
 *       {@code Vector.add}, {@code StringBuffer.append}).
 * </ul>
 */
final class SerialPoints {
  /** Where points are collected. */
  enum ScopeKind {
    /** A method body: {@code this} and its fields are {@link Anchor#RECEIVER}. */
    METHOD,
    /**
     * One task of a pipeline: everything captured from outside the task is shared by all tasks, so
     * every point that survives is {@link Anchor#GLOBAL}.
     */
    TASK
  }

  private final Summaries summaries;

  SerialPoints(Summaries summaries) {
    this.summaries = requireNonNull(summaries, "summaries");
  }

  /** The points a body reaches itself: its regions, declared resources and library monitors. */
  List<SerialPoint> local(List<CallSite> calls, List<LockRegion> regions, ScopeKind scope) {
    Map<String, SerialPoint> points = new LinkedHashMap<>();
    for (LockRegion region : regions) {
      fromRegion(region, scope).ifPresent(p -> merge(points, p));
    }
    for (CallSite call : calls) {
      if (!LambdaPolicy.runsInScope(call) || call.target().name().equals(MethodRef.CONSTRUCTOR)) {
        continue;
      }
      declared(call, scope).ifPresent(p -> merge(points, p));
      librarySynchronized(call, scope).ifPresent(p -> merge(points, p));
    }
    return List.copyOf(points.values());
  }

  private Optional<SerialPoint> fromRegion(LockRegion region, ScopeKind scope) {
    if (region.kind() == LockRegion.Kind.READ_LOCK || region.lazyInit()) {
      return Optional.empty(); // readers share it; lazy init holds it across the wait once
    }
    int parallelism =
        switch (region.kind()) {
          case MONITOR, LOCK, WRITE_LOCK -> 1;
          case SEMAPHORE, EXECUTOR, READ_LOCK -> region.permits();
        };
    if (parallelism < 1) {
      return Optional.empty(); // a semaphore or pool of unknown size
    }
    Optional<Anchor> anchor = anchor(region.holder(), region.isStatic(), scope);
    if (anchor.isEmpty()) {
      return Optional.empty();
    }
    Optional<WaitChain> across = Optional.empty();
    for (CallSite call : region.calls()) {
      Optional<WaitChain> wait = waitOf(call);
      if (wait.isPresent()
          && (across.isEmpty() || wait.orElseThrow().length() < across.orElseThrow().length())) {
        across = wait;
      }
    }
    if (across.isEmpty()) {
      return Optional.empty(); // a short critical section: the waits happen outside it
    }
    SerialPoint.Kind kind =
        switch (region.kind()) {
          case MONITOR -> SerialPoint.Kind.MONITOR;
          case LOCK -> SerialPoint.Kind.LOCK;
          case WRITE_LOCK, READ_LOCK -> SerialPoint.Kind.WRITE_LOCK;
          case SEMAPHORE -> SerialPoint.Kind.SEMAPHORE;
          case EXECUTOR -> SerialPoint.Kind.EXECUTOR;
        };
    String identity =
        (region.isStatic() ? "static " : anchor.orElseThrow() + " ")
            + region.holderMethod().owner()
            + " "
            + region.lock()
            + " "
            + kind;
    return Optional.of(
        new SerialPoint(
            anchor.orElseThrow(),
            identity,
            kind,
            parallelism,
            region.holderMethod().displayName(),
            region.lock(),
            region.location(),
            List.of(),
            across,
            viaName(region.holder())));
  }

  /** {@code @SerializedResource} / {@code @ResourceParallelism(n)} on the target, type or field. */
  private Optional<SerialPoint> declared(CallSite call, ScopeKind scope) {
    Marks marks = call.allMarks();
    if (marks.parallelism() < 1) {
      return Optional.empty();
    }
    Receiver receiver = call.receiver();
    Optional<Anchor> anchor = anchor(receiver, false, scope);
    if (anchor.isEmpty()) {
      return Optional.empty(); // a resource per task or per item, or of unknown origin
    }
    String identity;
    String holder;
    if (call.receiverMarks().parallelism() > 0) {
      identity = "field " + receiver.name() + " " + receiver.type();
      holder = "'" + receiver.name() + "'";
    } else if (call.targetMarks().parallelism() > 0) {
      identity = "method " + call.target();
      holder = call.target().displayName();
    } else {
      identity = "type " + call.target().owner();
      holder = call.target().simpleOwner();
    }
    return Optional.of(
        new SerialPoint(
            anchor.orElseThrow(),
            identity,
            SerialPoint.Kind.DECLARED,
            marks.parallelism(),
            holder,
            receiver.name(),
            call.location(),
            List.of(hop(call)),
            waitOf(call),
            viaName(receiver)));
  }

  /** A library method flagged {@code synchronized} in its class file that is itself a wait. */
  private Optional<SerialPoint> librarySynchronized(CallSite call, ScopeKind scope) {
    if (!call.targetSynchronized()) {
      return Optional.empty();
    }
    // A wait by itself (catalogue, @Blocking) is not followed, so its body's regions never show,
    // even when the body is read (a library's, from its class file): the flag stands for them.
    CallJudge.Verdict verdict = summaries.judge().judge(call);
    if (!verdict.isWait()) {
      return Optional.empty(); // Vector.add, StringBuffer.append, PrintStream.println
    }
    Optional<Anchor> anchor = anchor(call.receiver(), false, scope);
    if (anchor.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SerialPoint(
            anchor.orElseThrow(),
            "library " + call.receiver().name() + " " + call.target(),
            SerialPoint.Kind.LIBRARY_SYNCHRONIZED,
            1,
            call.target().displayName(),
            call.receiver().name(),
            call.location(),
            List.of(hop(call)),
            waitOf(call),
            viaName(call.receiver())));
  }

  /** A callee's point as its caller sees it through {@code call}, if it stays shared. */
  Optional<SerialPoint> through(SerialPoint point, CallSite call, ScopeKind scope) {
    Anchor anchor;
    if (point.anchor() == Anchor.GLOBAL) {
      anchor = Anchor.GLOBAL;
    } else {
      Optional<Anchor> mapped = anchor(call.receiver(), false, scope);
      if (mapped.isEmpty()) {
        return Optional.empty();
      }
      anchor = mapped.orElseThrow();
    }
    String via = viaName(call.receiver());
    return Optional.of(point.after(hop(call), anchor, via.isEmpty() ? point.via() : via));
  }

  /**
   * What a lock object (or a call's receiver) is relative to the scope; empty when the analysis
   * cannot tell that callers share it.
   */
  static Optional<Anchor> anchor(Receiver object, boolean isStatic, ScopeKind scope) {
    if (isStatic) {
      return Optional.of(Anchor.GLOBAL);
    }
    Anchor shared = scope == ScopeKind.TASK ? Anchor.GLOBAL : Anchor.RECEIVER;
    return switch (object.kind()) {
      case STATIC -> Optional.of(Anchor.GLOBAL);
      case THIS, FIELD -> Optional.of(shared);
      // Captured from outside the task: one object for all tasks. In a method body, a parameter
      // is whatever the caller passes: unknown.
      case PARAMETER, LOCAL ->
          scope == ScopeKind.TASK ? Optional.of(Anchor.GLOBAL) : Optional.empty();
      case FRESH -> isSingleton(object) ? Optional.of(Anchor.GLOBAL) : Optional.empty();
      case LOOP_ITEM, UNKNOWN -> Optional.empty();
    };
  }

  /** {@code Registry.getInstance()}: a static accessor hands every caller the same object. */
  private static boolean isSingleton(Receiver object) {
    if (object.root() != ReceiverKind.STATIC || object.producedBy().isEmpty()) {
      return false;
    }
    String name = object.producedBy().orElseThrow().name();
    return name.equals("getInstance")
        || name.equals("instance")
        || name.equals("getDefault")
        || name.equals("getSingleton");
  }

  private static String viaName(Receiver object) {
    return switch (object.kind()) {
      case FIELD, PARAMETER, LOCAL -> object.name();
      default -> "";
    };
  }

  /** How chains name a call: {@code session.publish}, {@code publish}, {@code new Client}. */
  static Hop hop(CallSite call) {
    MethodRef target = call.target();
    Receiver receiver = call.receiver();
    String name;
    if (target.name().equals(MethodRef.CONSTRUCTOR)) {
      name = "new " + target.simpleOwner();
    } else if (!receiver.name().isEmpty()
        && receiver.kind() != ReceiverKind.THIS
        && receiver.kind() != ReceiverKind.STATIC) {
      name = receiver.name() + "." + target.name();
    } else if (receiver.kind() == ReceiverKind.STATIC) {
      name = target.displayName();
    } else {
      name = target.name();
    }
    return new Hop(name, call.location());
  }

  private Optional<WaitChain> waitOf(CallSite call) {
    CallWait cost = summaries.evaluate(call);
    return cost.waitChain().isPresent() ? cost.waitChain() : cost.serializedWait();
  }

  /** Keeps one point per lock: the one reached by the shortest path. */
  static boolean merge(Map<String, SerialPoint> points, SerialPoint point) {
    SerialPoint known = points.get(point.identity());
    if (known != null && known.path().size() <= point.path().size()) {
      return false;
    }
    points.put(point.identity(), point);
    return true;
  }

  static Map<String, SerialPoint> index(Collection<SerialPoint> points) {
    Map<String, SerialPoint> map = new LinkedHashMap<>();
    for (SerialPoint p : points) {
      merge(map, p);
    }
    return map;
  }
}
