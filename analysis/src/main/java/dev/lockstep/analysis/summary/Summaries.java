package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Method summaries over the call graph of one compilation: does a method wait, and through which
 * shortest chain. Summaries are cached; create one instance per compilation. Not thread-safe.
 *
 * <h2>The computation</h2>
 *
 * <p>Summaries are shortest distances: {@code dist(m)} is the length of the shortest chain of calls
 * from {@code m}'s body to a wait ({@code 1} when the body calls a wait directly), counting only
 * chains of at most {@code maxDepth} hops. They are computed with a budget: {@code dist(m)} within
 * budget {@code b} reads {@code m}'s body and asks each followed callee for its distance within
 * {@code b - 1}; a budget of {@code 0} reads nothing. So a query reads only the bodies within
 * {@code maxDepth - 1} calls of the queried method, never the whole reachable call graph, and the
 * recursion is at most {@code maxDepth} deep whatever the call graph (recursion included: the
 * budget falls at every call).
 *
 * <p>Ties go to the first call in body order, so a summary depends only on the bodies, not on the
 * order methods are asked about. That also makes answers reusable across budgets: a distance {@code
 * d} found within some budget is the distance within every budget {@code >= d}, with the same
 * chain; "no wait within {@code b}" holds for every smaller budget. Each method is therefore
 * computed at most once per budget it is asked with.
 *
 * <p>A second distance tracks waits through a serialized resource ({@code @SerializedResource}):
 * those are not serial awaits worth a window, but the serialization-point analysis needs them.
 *
 * <p>Serialization points ({@link SerialPoint}, {@link SerialPoints}) are computed the same way,
 * only when asked for ({@link #of}, {@link #taskPoints}): the points of a body (its lock regions
 * held across a wait, its calls into declared resources), then its callees' points carried over
 * through each call's receiver, one budget lower. A point is kept once per lock with its shortest
 * path, at most {@code maxDepth + 1} calls long: a lock region in a body {@code maxDepth + 1} calls
 * down still counts, a declared call there does not.
 */
public final class Summaries {
  private final FactsSource facts;
  private final CallJudge judge;
  private final int maxDepth;
  private final Map<MethodRef, Optional<Body>> bodies = new HashMap<>();
  private final Map<MethodRef, Waits> waits = new HashMap<>();
  private final Map<MethodRef, Points> pointsByMethod = new HashMap<>();
  private final Map<MethodRef, MethodSummary> summaries = new HashMap<>();
  private final SerialPoints points = new SerialPoints(this);

  /**
   * @param maxDepth how many method bodies deep to follow calls: {@code 0} only sees waits called
   *     directly in a loop; {@code 1} also waits one helper down; and so on
   */
  public Summaries(FactsSource facts, CallJudge judge, int maxDepth) {
    this.facts = requireNonNull(facts, "facts");
    this.judge = requireNonNull(judge, "judge");
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public CallJudge judge() {
    return judge;
  }

  /** How many bodies have been read so far; for tests and statistics. */
  public int bodiesRead() {
    return (int) bodies.values().stream().filter(Optional::isPresent).count();
  }

  /** A body read once, with each call's verdict. */
  private record Body(MethodFacts facts, List<CallJudge.Verdict> verdicts) {}

  private Optional<Body> body(MethodRef method) {
    Optional<Body> known = bodies.get(method);
    if (known == null) {
      known =
          facts
              .factsFor(method)
              .map(f -> new Body(f, f.calls().stream().map(judge::judge).toList()));
      bodies.put(method, known);
    }
    return known;
  }

  /** Whether the method's body is in the compilation (the front end has facts for it). */
  public boolean hasBody(MethodRef method) {
    return body(method).isPresent();
  }

  /**
   * The serialization points one task of a pipeline reaches that every task shares: the task's own
   * lock regions and declared calls, and its callees' points carried through the calls' receivers.
   * Everything returned is {@link SerialPoint.Anchor#GLOBAL}.
   */
  public List<SerialPoint> taskPoints(List<CallSite> calls, List<LockRegion> regions) {
    Map<String, SerialPoint> found =
        SerialPoints.index(points.local(calls, regions, SerialPoints.ScopeKind.TASK));
    for (CallSite call : calls) {
      if (judge.judge(call).kind() != CallJudge.Kind.FOLLOW || !hasBody(call.target())) {
        continue;
      }
      for (SerialPoint p : of(call.target()).serialPoints()) {
        points
            .through(p, call, SerialPoints.ScopeKind.TASK)
            .filter(this::withinDepth)
            .ifPresent(q -> SerialPoints.merge(found, q));
      }
    }
    return List.copyOf(found.values());
  }

  private boolean withinDepth(SerialPoint point) {
    return point.path().size() <= maxDepth + 1;
  }

  /** What one call in some scope costs, its body followed up to {@code maxDepth}. */
  public CallWait evaluate(CallSite call) {
    CallJudge.Verdict verdict = judge.judge(call);
    return switch (verdict.kind()) {
      case DEFERRED, NOT_A_WAIT -> new CallWait(verdict, Optional.empty(), Optional.empty());
      case WAIT -> {
        WaitChain chain = direct(call, verdict);
        yield verdict.serialized()
            ? new CallWait(verdict, Optional.empty(), Optional.of(chain))
            : new CallWait(verdict, Optional.of(chain), Optional.empty());
      }
      case FOLLOW -> followed(call, verdict);
    };
  }

  private CallWait followed(CallSite call, CallJudge.Verdict verdict) {
    Waits callee = waitsOf(call.target(), maxDepth);
    Hop into = new Hop(bodyName(call.target()), call.location());
    Optional<WaitChain> wait = callee.direct().map(c -> c.after(into));
    Optional<WaitChain> serialized = callee.serialized().map(c -> c.after(into));
    if (verdict.serialized()) {
      return new CallWait(verdict, Optional.empty(), shorter(wait, serialized));
    }
    return new CallWait(verdict, wait, serialized);
  }

  private static WaitChain direct(CallSite call, CallJudge.Verdict verdict) {
    return WaitChain.direct(
        new Hop(verdict.label(), call.location()), verdict.tag().orElse(WaitTag.LATENCY));
  }

  /** The shorter chain; the first on a tie. */
  private static Optional<WaitChain> shorter(Optional<WaitChain> a, Optional<WaitChain> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.orElseThrow().length() <= b.orElseThrow().length() ? a : b;
  }

  /** How chains name a method whose body they enter. */
  static String bodyName(MethodRef method) {
    return method.name().equals(MethodRef.CONSTRUCTOR)
        ? "new " + method.simpleOwner()
        : method.name();
  }

  /** The summary of a method: empty when its body is not in the compilation. */
  public MethodSummary of(MethodRef method) {
    MethodSummary known = summaries.get(method);
    if (known != null) {
      return known;
    }
    MethodSummary summary;
    if (body(method).isEmpty()) {
      summary = MethodSummary.none(method);
    } else {
      Waits w = waitsOf(method, maxDepth);
      summary = new MethodSummary(method, w.direct(), w.serialized(), pointsOf(method, maxDepth));
    }
    summaries.put(method, summary);
    return summary;
  }

  // ---------------------------------------------------------------------------------------------
  // Waits

  /**
   * A method's shortest chains found within {@code budget}.
   *
   * @param budget the budget they were computed with; {@link Integer#MAX_VALUE} when final
   */
  private record Waits(int budget, Optional<WaitChain> direct, Optional<WaitChain> serialized) {
    static final Waits NONE = new Waits(Integer.MAX_VALUE, Optional.empty(), Optional.empty());

    /** Whether this answers for {@code b}: a smaller budget, or nothing left to find. */
    boolean answers(int b) {
      return b <= budget || (direct.isPresent() && serialized.isPresent());
    }

    /** The chains that fit {@code b}. */
    Waits within(int b) {
      if (fits(direct, b) && fits(serialized, b)) {
        return this;
      }
      return new Waits(b, direct.filter(c -> fits(c, b)), serialized.filter(c -> fits(c, b)));
    }

    private static boolean fits(Optional<WaitChain> chain, int b) {
      return chain.isEmpty() || fits(chain.orElseThrow(), b);
    }

    private static boolean fits(WaitChain chain, int b) {
      return chain.length() <= b;
    }
  }

  /** The method's shortest chains of at most {@code budget} hops. */
  private Waits waitsOf(MethodRef method, int budget) {
    if (budget < 1) {
      return Waits.NONE;
    }
    Waits known = waits.get(method);
    if (known != null && known.answers(budget)) {
      return known.within(budget);
    }
    Optional<Body> read = body(method);
    if (read.isEmpty()) {
      waits.put(method, Waits.NONE);
      return Waits.NONE;
    }
    Body body = read.orElseThrow();
    List<CallSite> calls = body.facts().calls();
    Optional<WaitChain> wait = Optional.empty();
    Optional<WaitChain> serialized = Optional.empty();
    for (int i = 0; i < calls.size(); i++) {
      CallSite call = calls.get(i);
      CallJudge.Verdict verdict = body.verdicts().get(i);
      Optional<WaitChain> viaWait;
      Optional<WaitChain> viaSerialized;
      switch (verdict.kind()) {
        case WAIT -> {
          viaWait = Optional.of(direct(call, verdict));
          viaSerialized = Optional.empty();
        }
        case FOLLOW -> {
          Waits callee = waitsOf(call.target(), budget - 1);
          Hop into = new Hop(bodyName(call.target()), call.location());
          viaWait = callee.direct().map(c -> c.after(into));
          viaSerialized = callee.serialized().map(c -> c.after(into));
        }
        default -> {
          continue;
        }
      }
      if (verdict.serialized()) {
        // Everything reached through a serialized target is a serialized wait.
        serialized = better(serialized, shorter(viaWait, viaSerialized), budget);
      } else {
        wait = better(wait, viaWait, budget);
        serialized = better(serialized, viaSerialized, budget);
      }
    }
    Waits result = new Waits(budget, wait, serialized);
    Waits latest = waits.get(method); // a recursive call may have stored a smaller budget's
    if (latest == null || latest.budget() < budget) {
      waits.put(method, result);
    }
    return result;
  }

  /** The candidate if it fits the budget and is strictly shorter than the best so far. */
  private static Optional<WaitChain> better(
      Optional<WaitChain> best, Optional<WaitChain> candidate, int budget) {
    if (candidate.isEmpty() || candidate.orElseThrow().length() > budget) {
      return best;
    }
    if (best.isPresent() && best.orElseThrow().length() <= candidate.orElseThrow().length()) {
      return best;
    }
    return candidate;
  }

  // ---------------------------------------------------------------------------------------------
  // Serialization points

  /** A method's points with paths of at most {@code budget + 1} calls. */
  private record Points(int budget, List<SerialPoint> points) {
    List<SerialPoint> within(int b) {
      return b >= budget ? points : points.stream().filter(p -> p.path().size() <= b + 1).toList();
    }
  }

  /**
   * The serialization points a call of the method reaches, each path at most {@code budget + 1}
   * calls long ({@code budget >= -1}: at {@code -1}, only the body's own lock regions).
   */
  private List<SerialPoint> pointsOf(MethodRef method, int budget) {
    Points known = pointsByMethod.get(method);
    if (known != null && known.budget() >= budget) {
      return known.within(budget);
    }
    Optional<Body> read = body(method);
    if (read.isEmpty()) {
      pointsByMethod.put(method, new Points(Integer.MAX_VALUE, List.of()));
      return List.of();
    }
    Body body = read.orElseThrow();
    Map<String, SerialPoint> found = new LinkedHashMap<>();
    for (SerialPoint p :
        points.local(
            body.facts().calls(), body.facts().lockRegions(), SerialPoints.ScopeKind.METHOD)) {
      if (p.path().size() <= budget + 1) {
        SerialPoints.merge(found, p);
      }
    }
    if (budget >= 0) {
      List<CallSite> calls = body.facts().calls();
      for (int i = 0; i < calls.size(); i++) {
        if (body.verdicts().get(i).kind() != CallJudge.Kind.FOLLOW) {
          continue;
        }
        CallSite call = calls.get(i);
        for (SerialPoint p : pointsOf(call.target(), budget - 1)) {
          points
              .through(p, call, SerialPoints.ScopeKind.METHOD)
              .ifPresent(q -> SerialPoints.merge(found, q));
        }
      }
    }
    List<SerialPoint> result = List.copyOf(found.values());
    Points latest = pointsByMethod.get(method); // a recursive call may have stored a smaller one
    if (latest == null || latest.budget() < budget) {
      pointsByMethod.put(method, new Points(budget, result));
    }
    return result;
  }
}
