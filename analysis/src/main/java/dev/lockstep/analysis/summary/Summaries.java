package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Method summaries over the call graph of one compilation: does a method wait, and through which
 * shortest chain. Each summary is computed once and cached; create one instance per compilation.
 *
 * <h2>The computation</h2>
 *
 * <p>Summaries are shortest distances: {@code dist(m)} is the length of the shortest chain of calls
 * from {@code m}'s body to a wait ({@code 1} when the body calls a wait directly), counting only
 * chains of at most {@code maxDepth} hops. On the first query for a method, every not yet
 * summarised method reachable from it through bodies in the compilation is discovered (iteratively:
 * no recursion, so a deep call graph cannot overflow javac's stack), and the distances of all of
 * them are relaxed together, Bellman–Ford style, for at most {@code maxDepth} rounds: after round
 * {@code r} every chain of up to {@code r} hops has been found, so {@code maxDepth} rounds give the
 * exact bounded answer for every discovered method, whatever cycles (recursion) the graph has. All
 * of them are then cached, so the whole compilation reads each body once.
 *
 * <p>A second distance tracks waits through a serialized resource ({@code @SerializedResource}):
 * those are not serial awaits worth a window, but the serialization-point analysis needs them.
 *
 * <p>Then, over the same discovered methods and the same bounded rounds, the serialization points
 * each method reaches while waiting ({@link SerialPoint}, {@link SerialPoints}): first the points
 * of each body (its lock regions held across a wait, its calls into declared resources), then,
 * round after round, the points of its callees carried over through each call's receiver; a point
 * is kept once per lock with its shortest path, at most {@code maxDepth + 1} calls long. Sets only
 * grow and paths only shorten, so the rounds end, recursion included.
 */
public final class Summaries {
  private static final int INF = Integer.MAX_VALUE / 2;

  private final FactsSource facts;
  private final CallJudge judge;
  private final int maxDepth;
  private final Map<MethodRef, MethodSummary> cache = new HashMap<>();
  private final Map<MethodRef, Optional<MethodFacts>> factsCache = new HashMap<>();
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
    return (int) factsCache.values().stream().filter(Optional::isPresent).count();
  }

  private Optional<MethodFacts> facts(MethodRef method) {
    Optional<MethodFacts> known = factsCache.get(method);
    if (known == null) {
      known = facts.factsFor(method);
      factsCache.put(method, known);
    }
    return known;
  }

  /** Whether the method's body is in the compilation (the front end has facts for it). */
  public boolean hasBody(MethodRef method) {
    return facts(method).isPresent();
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
        WaitChain chain =
            WaitChain.direct(
                new Hop(verdict.label(), call.location()), verdict.tag().orElse(WaitTag.LATENCY));
        yield verdict.serialized()
            ? new CallWait(verdict, Optional.empty(), Optional.of(chain))
            : new CallWait(verdict, Optional.of(chain), Optional.empty());
      }
      case FOLLOW -> followed(call, verdict);
    };
  }

  private CallWait followed(CallSite call, CallJudge.Verdict verdict) {
    if (maxDepth == 0 || facts(call.target()).isEmpty()) {
      return new CallWait(verdict, Optional.empty(), Optional.empty());
    }
    MethodSummary summary = of(call.target());
    Hop into = new Hop(bodyName(call.target()), call.location());
    Optional<WaitChain> wait = summary.waitChain().map(c -> c.after(into));
    Optional<WaitChain> serialized = summary.serializedWait().map(c -> c.after(into));
    if (verdict.serialized()) {
      return new CallWait(verdict, Optional.empty(), shorter(wait, serialized));
    }
    return new CallWait(verdict, wait, serialized);
  }

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
    MethodSummary cached = cache.get(method);
    if (cached != null) {
      return cached;
    }
    if (facts(method).isEmpty()) {
      MethodSummary none = MethodSummary.none(method);
      cache.put(method, none);
      return none;
    }
    solve(method);
    return cache.get(method);
  }

  /** One discovered, not yet summarised method. */
  private static final class Node {
    final MethodRef method;
    final List<CallSite> calls = new ArrayList<>();
    final List<CallJudge.Verdict> verdicts = new ArrayList<>();
    // Shortest distances and how they are reached: the index of the call, and for a followed call
    // whether the callee's chain continues through its plain (false) or serialized (true) distance.
    int wait = INF;
    int waitCall = -1;
    int serialized = INF;
    int serializedCall = -1;
    boolean serializedViaSerialized;

    Node(MethodRef method) {
      this.method = method;
    }
  }

  private void solve(MethodRef root) {
    Map<MethodRef, Node> nodes = new LinkedHashMap<>();
    Deque<MethodRef> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      MethodRef m = work.pop();
      if (nodes.containsKey(m) || cache.containsKey(m)) {
        continue;
      }
      Optional<MethodFacts> body = facts(m);
      if (body.isEmpty()) {
        cache.put(m, MethodSummary.none(m));
        continue;
      }
      Node node = new Node(m);
      nodes.put(m, node);
      for (CallSite call : body.orElseThrow().calls()) {
        CallJudge.Verdict verdict = judge.judge(call);
        node.calls.add(call);
        node.verdicts.add(verdict);
        if (verdict.kind() == CallJudge.Kind.FOLLOW && !cache.containsKey(call.target())) {
          work.push(call.target());
        }
      }
    }

    for (int round = 0; round < maxDepth; round++) {
      boolean changed = false;
      for (Node node : nodes.values()) {
        changed |= relax(node, nodes);
      }
      if (!changed) {
        break;
      }
    }

    for (Node node : nodes.values()) {
      cache.put(
          node.method,
          new MethodSummary(node.method, chain(node, false, nodes), chain(node, true, nodes)));
    }
    solvePoints(nodes);
  }

  /**
   * The serialization points of every discovered method. Runs after the wait summaries of all of
   * them are cached: whether a region holds its lock across a wait is read from those.
   */
  private void solvePoints(Map<MethodRef, Node> nodes) {
    Map<MethodRef, Map<String, SerialPoint>> found = new LinkedHashMap<>();
    for (Node node : nodes.values()) {
      MethodFacts body = facts(node.method).orElseThrow();
      found.put(
          node.method,
          SerialPoints.index(
              points.local(body.calls(), body.lockRegions(), SerialPoints.ScopeKind.METHOD)));
    }
    Function<MethodRef, java.util.Collection<SerialPoint>> pointsOf =
        m -> {
          Map<String, SerialPoint> inRound = found.get(m);
          if (inRound != null) {
            return List.copyOf(inRound.values());
          }
          MethodSummary summary = cache.get(m);
          return summary == null ? List.of() : summary.serialPoints();
        };
    for (int round = 0; round <= maxDepth; round++) {
      boolean changed = false;
      for (Node node : nodes.values()) {
        Map<String, SerialPoint> mine = found.get(node.method);
        for (int i = 0; i < node.calls.size(); i++) {
          if (node.verdicts.get(i).kind() != CallJudge.Kind.FOLLOW) {
            continue;
          }
          CallSite call = node.calls.get(i);
          for (SerialPoint p : pointsOf.apply(call.target())) {
            Optional<SerialPoint> mapped =
                points.through(p, call, SerialPoints.ScopeKind.METHOD).filter(this::withinDepth);
            if (mapped.isPresent()) {
              changed |= SerialPoints.merge(mine, mapped.orElseThrow());
            }
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    for (Node node : nodes.values()) {
      cache.put(
          node.method,
          cache.get(node.method).withSerialPoints(List.copyOf(found.get(node.method).values())));
    }
  }

  private boolean relax(Node node, Map<MethodRef, Node> nodes) {
    boolean changed = false;
    for (int i = 0; i < node.calls.size(); i++) {
      CallJudge.Verdict verdict = node.verdicts.get(i);
      int calleeWait;
      int calleeSerialized;
      switch (verdict.kind()) {
        case WAIT -> {
          calleeWait = 0;
          calleeSerialized = INF;
        }
        case FOLLOW -> {
          MethodRef target = node.calls.get(i).target();
          Node callee = nodes.get(target);
          if (callee != null) {
            calleeWait = callee.wait;
            calleeSerialized = callee.serialized;
          } else {
            MethodSummary summary = cache.get(target);
            if (summary == null) {
              continue;
            }
            calleeWait = summary.waitChain().map(WaitChain::length).orElse(INF);
            calleeSerialized = summary.serializedWait().map(WaitChain::length).orElse(INF);
          }
        }
        default -> {
          continue;
        }
      }
      if (verdict.serialized()) {
        // Everything reached through a serialized target is a serialized wait.
        boolean viaSerialized = calleeSerialized < calleeWait;
        int d = 1 + Math.min(calleeWait, calleeSerialized);
        if (d <= maxDepth && d < node.serialized) {
          node.serialized = d;
          node.serializedCall = i;
          node.serializedViaSerialized = viaSerialized;
          changed = true;
        }
        continue;
      }
      if (1 + calleeWait <= maxDepth && 1 + calleeWait < node.wait) {
        node.wait = 1 + calleeWait;
        node.waitCall = i;
        changed = true;
      }
      if (1 + calleeSerialized <= maxDepth && 1 + calleeSerialized < node.serialized) {
        node.serialized = 1 + calleeSerialized;
        node.serializedCall = i;
        node.serializedViaSerialized = true;
        changed = true;
      }
    }
    return changed;
  }

  /** Follows the recorded best calls; distances strictly decrease along them, so this ends. */
  private Optional<WaitChain> chain(Node start, boolean serialized, Map<MethodRef, Node> nodes) {
    if ((serialized ? start.serialized : start.wait) >= INF) {
      return Optional.empty();
    }
    List<Hop> hops = new ArrayList<>();
    Node node = start;
    boolean which = serialized;
    for (int guard = 0; guard <= maxDepth; guard++) {
      int index = which ? node.serializedCall : node.waitCall;
      CallSite call = node.calls.get(index);
      CallJudge.Verdict verdict = node.verdicts.get(index);
      if (verdict.kind() == CallJudge.Kind.WAIT) {
        hops.add(new Hop(verdict.label(), call.location()));
        return Optional.of(new WaitChain(hops, verdict.tag().orElse(WaitTag.LATENCY)));
      }
      hops.add(new Hop(bodyName(call.target()), call.location()));
      boolean next = which ? node.serializedViaSerialized : false;
      Node callee = nodes.get(call.target());
      if (callee == null) {
        MethodSummary summary = cache.get(call.target());
        Optional<WaitChain> rest = next ? summary.serializedWait() : summary.waitChain();
        if (rest.isEmpty() && which) {
          rest = summary.waitChain();
        }
        WaitChain tail = rest.orElseThrow();
        hops.addAll(tail.hops());
        return Optional.of(new WaitChain(hops, tail.tag()));
      }
      node = callee;
      which = next;
    }
    throw new IllegalStateException("chain longer than maxDepth from " + start.method);
  }
}
