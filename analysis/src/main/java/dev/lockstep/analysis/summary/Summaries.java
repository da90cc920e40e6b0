package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Dispatch;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Handoff;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private final WaitFreeBodies waitFree;
  private final Map<MethodRef, Optional<MethodFacts>> read = new HashMap<>();
  private final Map<MethodRef, Optional<Body>> bodies = new HashMap<>();
  private final Map<Callee, Waits> waits = new HashMap<>();
  private final Map<MethodRef, Points> pointsByMethod = new HashMap<>();
  private final Map<MethodRef, MethodSummary> summaries = new HashMap<>();
  private final SerialPoints points = new SerialPoints(this);

  /**
   * @param maxDepth how many method bodies deep to follow calls: {@code 0} only sees waits called
   *     directly in a loop; {@code 1} also waits one helper down; and so on
   */
  public Summaries(FactsSource facts, CallJudge judge, int maxDepth) {
    this(facts, judge, maxDepth, WaitFreeBodies.UNKNOWN);
  }

  /**
   * @param waitFree which bodies the front end knows reach no wait within a budget: not read for
   *     their chains
   */
  public Summaries(FactsSource facts, CallJudge judge, int maxDepth, WaitFreeBodies waitFree) {
    this.waitFree = requireNonNull(waitFree, "waitFree");
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
      known = factsOf(method).map(f -> new Body(f, f.calls().stream().map(this::verdict).toList()));
      bodies.put(method, known);
    }
    return known;
  }

  private Optional<MethodFacts> factsOf(MethodRef method) {
    Optional<MethodFacts> known = read.get(method);
    if (known == null) {
      known = facts.factsFor(method);
      read.put(method, known);
    }
    return known;
  }

  /**
   * The judge's verdict, with what only other bodies can tell: a URL that a method of the sources
   * builds locally ({@code jarBaseUrl(url).openStream()}), and a future the calls it was handed to
   * complete before they return ({@code putConnectorConfig(..., cb); cb.get()}) are no waits.
   */
  private CallJudge.Verdict verdict(CallSite call) {
    CallJudge.Verdict verdict = judge.judge(call);
    if (verdict.isWait()
        && (localUrl(call.receiverOrigin())
            || (verdict.tag().orElse(null) == WaitTag.AWAIT && completedWhenHandedBack(call)))) {
      return new CallJudge.Verdict(
          CallJudge.Kind.NOT_A_WAIT,
          verdict.tag(),
          verdict.label(),
          verdict.serialized(),
          verdict.entry());
    }
    return verdict;
  }

  /** Whether a URL stays on this machine: a local one, or what a method returns that always is. */
  private boolean localUrl(Argument url) {
    return localUrl(url, 0);
  }

  private boolean localUrl(Argument url, int depth) {
    return switch (url.kind()) {
      case LOCAL_URL -> true;
      case RETURNED -> {
        if (depth >= maxDepth || url.returnedBy().isEmpty()) {
          yield false;
        }
        List<Argument> returns =
            factsOf(url.returnedBy().orElseThrow()).map(MethodFacts::returns).orElse(List.of());
        yield !returns.isEmpty() && returns.stream().allMatch(r -> localUrl(r, depth + 1));
      }
      case TRUE, FALSE, PARAMETER, CALLER, SHARED, OTHER -> false;
    };
  }

  /**
   * Whether every call the awaited object was handed to runs a body that only calls methods on it:
   * whatever completes it has run when the call returns, so waiting on it afterwards costs nothing.
   */
  private boolean completedWhenHandedBack(CallSite await) {
    if (await.receiverHandedTo().isEmpty()) {
      return false;
    }
    for (Handoff handoff : await.receiverHandedTo()) {
      for (MethodRef runs : handoff.runs()) {
        boolean confined =
            factsOf(runs)
                .map(f -> f.confinedParameters().contains(handoff.parameter()))
                .orElse(false);
        if (!confined) {
          return false;
        }
      }
    }
    return true;
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

  /**
   * What one call in some scope costs, its body followed up to {@code maxDepth}: the chain that
   * waits every time if there is one, else the shortest that waits on some path. A call that runs
   * only the first time, or only because of earlier iterations ({@link Guard#mayRunEveryTime()}),
   * costs nothing per item.
   */
  public CallWait evaluate(CallSite call) {
    CallJudge.Verdict verdict = verdict(call);
    if (!call.guard().mayRunEveryTime() || someClassDoesNotWait(call)) {
      return new CallWait(verdict, Optional.empty(), Optional.empty());
    }
    return switch (verdict.kind()) {
      case DEFERRED, NOT_A_WAIT -> new CallWait(verdict, Optional.empty(), Optional.empty());
      case WAIT -> {
        Optional<WaitChain> chain = direct(call, verdict, false).withoutCallersUrls().best();
        yield verdict.serialized()
            ? new CallWait(verdict, Optional.empty(), chain)
            : new CallWait(verdict, chain, Optional.empty());
      }
      case FOLLOW -> followed(call, verdict);
    };
  }

  /**
   * Whether the receiver may be allocated as a class whose method does not wait (a parallel loader
   * beside a serial one): then the chain through the declared type's method is not what every run
   * costs.
   */
  private boolean someClassDoesNotWait(CallSite call) {
    for (Dispatch alternative : call.dispatch()) {
      if (!alternative.runs().equals(call.target()) // the call's own method: judged as the call
          && hasBody(alternative.runs())
          && waitsOf(Callee.of(alternative.runs(), alternative.allocated()), maxDepth)
              .direct()
              .isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private CallWait followed(CallSite call, CallJudge.Verdict verdict) {
    Callee runs = calleeOf(call, null);
    Waits callee = waitsOf(runs, maxDepth);
    String name = hopName(call, runs);
    WaitCandidates wait =
        callee.direct().through(call, name, false, this::localUrl).withoutCallersUrls();
    WaitCandidates serialized =
        callee.serialized().through(call, name, false, this::localUrl).withoutCallersUrls();
    if (verdict.serialized()) {
      return new CallWait(verdict, Optional.empty(), wait.plusAll(serialized).best());
    }
    return new CallWait(verdict, wait.best(), serialized.best());
  }

  private WaitCandidates direct(CallSite call, CallJudge.Verdict verdict, boolean keep) {
    WaitTag tag = verdict.tag().orElse(WaitTag.LATENCY);
    return WaitCandidates.direct(
        call,
        verdict.label(),
        tag,
        verdict.entry().flatMap(CatalogueEntry::batch).orElse(""),
        keep,
        tag == WaitTag.AWAIT && judge.awaitsReply(call));
  }

  /**
   * How a chain names the call's hop: the method's name, with its class when the body entered is an
   * override in another class ({@code PutTaskRunner.runTask} for a call of {@code runTask}).
   */
  private static String hopName(CallSite call, Callee runs) {
    return runs.method().owner().equals(call.target().owner())
        ? bodyName(call.target())
        : runs.method().simpleOwner() + "." + bodyName(runs.method());
  }

  /** How chains name a method whose body they enter. */
  static String bodyName(MethodRef method) {
    return method.name().equals(MethodRef.CONSTRUCTOR)
        ? "new " + method.simpleOwner()
        : method.name();
  }

  /**
   * Whether a call of the method may wait with one of {@code tags}: its body, followed within the
   * depth bound, reaches such a wait on some path. Every chain a caller sees through a call is one
   * of these with hops added, its tag unchanged, so a method without one never gives its callers
   * one. Cheaper than {@link #of} (no serialization points); the plugin asks it of library methods
   * before it lowers a method for SerialFanOut, with the tags that join a group.
   */
  public boolean mayWait(MethodRef method, Set<WaitTag> tags) {
    return waitsOf(Callee.of(method, null), maxDepth).direct().anyTagged(tags);
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
      Waits w = waitsOf(Callee.of(method, null), maxDepth);
      summary =
          new MethodSummary(
              method, w.direct().best(), w.serialized().best(), pointsOf(method, maxDepth));
    }
    summaries.put(method, summary);
    return summary;
  }

  // ---------------------------------------------------------------------------------------------
  // Waits

  /**
   * A method's chains found within {@code budget}.
   *
   * @param budget the budget they were computed with; {@link Integer#MAX_VALUE} when final
   */
  private record Waits(int budget, WaitCandidates direct, WaitCandidates serialized) {
    static final Waits NONE =
        new Waits(Integer.MAX_VALUE, WaitCandidates.NONE, WaitCandidates.NONE);

    /**
     * Whether this answers for {@code b}: a smaller budget, or nothing left to find (a longer chain
     * cannot beat one that waits every time).
     */
    boolean answers(int b) {
      return b <= budget || (direct.settled() && serialized.settled());
    }

    /** The chains that fit {@code b}. */
    Waits within(int b) {
      return new Waits(Math.min(b, budget), direct.within(b), serialized.within(b));
    }
  }

  /**
   * A method body as one class runs it: its calls on {@code this} run that class's overrides.
   *
   * @param thisClass the class of {@code this}; null when it is the method's own class or unknown
   */
  private record Callee(MethodRef method, String thisClass) {
    static Callee of(MethodRef method, String thisClass) {
      return new Callee(
          method, thisClass == null || thisClass.equals(method.owner()) ? null : thisClass);
    }
  }

  /**
   * What a call runs: on {@code this}, the override of the class the caller runs as ({@code
   * runTask()} in an inherited {@code run()} of a {@code PutTaskRunner}); on an object the scope
   * allocates with one class, that class's method; else the method the call resolves to.
   *
   * @param caller the body the call is in; null for a loop's own body
   */
  private Callee calleeOf(CallSite call, Callee caller) {
    MethodRef target = call.target();
    Receiver on = call.receiver();
    if (on.kind() == ReceiverKind.THIS) {
      String thisClass = caller == null ? null : caller.thisClass();
      if (thisClass == null
          || on.name().equals("super")
          || caller.method().owner().startsWith(target.owner() + ".")) {
        return Callee.of(target, null); // super, or a method of an enclosing instance
      }
      MethodRef override = new MethodRef(thisClass, target.name(), target.paramTypes());
      return Callee.of(hasBody(override) ? override : target, thisClass);
    }
    if (call.dispatch().size() == 1) {
      Dispatch only = call.dispatch().get(0);
      return Callee.of(only.runs(), only.allocated());
    }
    return Callee.of(target, null);
  }

  /**
   * One side of a test in a body: the calls made when the test at {@code test} is {@code holds}.
   */
  private record Side(Location test, boolean holds) {}

  /** The method's chains of at most {@code budget} hops. */
  private Waits waitsOf(Callee callee, int budget) {
    if (budget < 1) {
      return Waits.NONE;
    }
    Waits known = waits.get(callee);
    if (known != null && known.answers(budget)) {
      return known.within(budget);
    }
    if (callee.thisClass() == null && waitFree.cannotWaitWithin(callee.method(), budget)) {
      // Nothing within this budget; a larger one may still find a chain, so kept for this one.
      Waits none = new Waits(budget, WaitCandidates.NONE, WaitCandidates.NONE);
      if (known == null || known.budget() < budget) {
        waits.put(callee, none);
      }
      return none;
    }
    Optional<Body> read = body(callee.method());
    if (read.isEmpty()) {
      waits.put(callee, Waits.NONE);
      return Waits.NONE;
    }
    Body body = read.orElseThrow();
    List<CallSite> calls = body.facts().calls();
    WaitCandidates wait = WaitCandidates.NONE;
    WaitCandidates serialized = WaitCandidates.NONE;
    Map<Side, WaitCandidates> sides = new LinkedHashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      CallSite call = calls.get(i);
      if (!call.guard().mayRunEveryTime()) {
        continue; // the first time only: not what each call of the method costs
      }
      CallJudge.Verdict verdict = body.verdicts().get(i);
      WaitCandidates viaWait;
      WaitCandidates viaSerialized;
      switch (verdict.kind()) {
        case WAIT -> {
          viaWait = direct(call, verdict, true);
          viaSerialized = WaitCandidates.NONE;
        }
        case FOLLOW -> {
          Callee runs = calleeOf(call, callee);
          Waits next = waitsOf(runs, budget - 1);
          String name = hopName(call, runs);
          viaWait = next.direct().through(call, name, true, this::localUrl);
          viaSerialized = next.serialized().through(call, name, true, this::localUrl);
        }
        default -> {
          continue;
        }
      }
      if (verdict.serialized()) {
        // Everything reached through a serialized target is a serialized wait.
        serialized =
            serialized.plusAll(viaWait.within(budget)).plusAll(viaSerialized.within(budget));
      } else {
        wait = wait.plusAll(viaWait.within(budget));
        serialized = serialized.plusAll(viaSerialized.within(budget));
        if (call.guard().oneSideOfATest()) {
          sides.merge(
              new Side(call.guard().decidedAt(), call.guard().runsWhen()),
              viaWait.within(budget),
              WaitCandidates::plusAll);
        }
      }
    }
    // A wait on both sides of one test (if (x) put(a) else put(b)) happens every time.
    for (Map.Entry<Side, WaitCandidates> side : sides.entrySet()) {
      WaitCandidates other = sides.get(new Side(side.getKey().test(), !side.getKey().holds()));
      if (side.getKey().holds() && other != null) {
        wait = wait.plusAll(side.getValue().eitherSide(other));
      }
    }
    Waits result = new Waits(budget, wait, serialized);
    if (callee.thisClass() == null) {
      waitFree.found(callee.method(), budget, wait.isEmpty() && serialized.isEmpty());
    }
    Waits latest = waits.get(callee); // a recursive call may have stored a smaller budget's
    if (latest == null || latest.budget() < budget) {
      waits.put(callee, result);
    }
    return result;
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
