package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.read.LifecyclePhases;
import dev.lockstep.analysis.read.StateVerbs;
import dev.lockstep.analysis.read.StraightLineReader.Run;
import dev.lockstep.analysis.read.StraightLineReader.Step;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.CallWait;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.LambdaPolicy;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code SerialFanOut}: two or more waits one after the other in straight-line code whose inputs do
 * not depend on each other's results: {@code n} round trips where, started together, one would do.
 *
 * <p>What counts as independent is decided conservatively (ADR 0007); in a run of statements
 * ({@link Run}), two waits are independent only when all of this holds:
 *
 * <ol>
 *   <li>the later one's statement reads no local that the earlier one's result reached (through
 *       assignments, a collection it was added to, a call it was handed to);
 *   <li>the earlier one's result did not go into a field, an array in one, or a call on a shared
 *       object (which the later one, or a method it calls, may read), the method it calls, if in
 *       the sources, assigns no field, and it is not handed this object or a function (a watch or
 *       listener it registers): else every later wait may depend on it;
 *   <li>they are not made on one object when either name says it changes state or says nothing
 *       ({@link StateVerbs}: {@code put}, {@code login}, {@code execute}), nor on one connection,
 *       session, transaction, channel or stream (by the receiver's type);
 *   <li>they are not handed one variable when either name says it changes state (a write and a read
 *       of one resource);
 * </ol>
 *
 * <p>and the waits themselves qualify: each is its statement's only wait, runs whenever the
 * statement does, reaches a round trip every time (a condition below the call is a path it may not
 * take), and is not a {@code channel} wait (calls on one connection or stream are ordered), a
 * pause, a lock, or an await of work started in an earlier statement ({@code f.join()} after {@code
 * sendAsync}: already started together), nor a phase of a life cycle ({@code a.start(); b.start()}:
 * {@link LifecyclePhases}). Such a statement ends the group instead, as does any branch, loop,
 * {@code try} or lock (the reader's runs). {@code @Sequential} on the method or a type around it
 * declares the order intended; life-cycle methods are not read at all ({@link #reads}).
 */
@SuppressWarnings("ReferenceEquality") // nodes and variables are compared by identity on purpose
public final class SerialFanOutRule {
  /**
   * The waits a group is made of: a round trip or an await. A channel wait, a pause or a lock ends
   * a group; a front end may skip a method none of whose calls may wait with one of these.
   */
  public static final Set<WaitTag> GROUPED = Set.of(WaitTag.LATENCY, WaitTag.AWAIT);

  /** How many chains the message spells out before summarising the rest. */
  private static final int MAX_CHAINS_SHOWN = 3;

  /** A name that starts with the word {@code wait} or {@code await}, and goes on: a gate. */
  private static final Pattern GATE = Pattern.compile("^(?:wait|await)[A-Z0-9_].*");

  private final Summaries summaries;

  public SerialFanOutRule(Summaries summaries) {
    this.summaries = requireNonNull(summaries, "summaries");
  }

  /**
   * Whether the method named {@code name} is read at all: not a phase of a life cycle ({@code
   * start}, {@code initializeTrackers}, {@code shutdownBlocking}), which runs once per object, so
   * its waits in a row cost once, not per request, and are ordered phases more often than not. A
   * constructor is read: request-scoped objects are made per request. The front ends ask this
   * before they lower the method.
   */
  public static boolean reads(String name) {
    return !LifecyclePhases.isPhase(name);
  }

  /**
   * Whether a call so named waits until something holds ({@code waitIfReplicationDisabled}, {@code
   * waitUntilReady}, {@code awaitLeadership}): a gate, whatever it waits on, so what follows it is
   * meant to run after it (BookKeeper's Auditor checks that replication is enabled, waits while it
   * is not, and only then reads its settings and audits). Named by its first camel-case word, and
   * not {@code wait}/{@code await} alone (an await of work started before, or a pause).
   */
  static boolean isGate(String name) {
    return GATE.matcher(name).matches();
  }

  /** One wait of a run: its step, its call and what it costs. */
  private record Wait(int step, CallSite site, Node call, WaitChain chain) {}

  /**
   * The findings of one method body's runs.
   *
   * @param enclosingMarks the marks on the method and the types around it
   * @param keepsState whether a method declared in the sources assigns a field
   */
  public List<Finding> judge(
      List<Run> runs, Marks enclosingMarks, Predicate<MethodRef> keepsState) {
    if (enclosingMarks.has(Mark.SEQUENTIAL)) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (Run run : runs) {
      judge(run, keepsState, findings);
    }
    return findings;
  }

  private void judge(Run run, Predicate<MethodRef> keepsState, List<Finding> findings) {
    List<Wait> group = new ArrayList<>();
    // The waits each local's value depends on; the waits whose effects may reach any later call.
    Map<Var, Set<Wait>> taint = new HashMap<>();
    Set<Wait> escaped = new HashSet<>();
    List<Step> steps = run.steps();
    int lastCalling = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (!steps.get(i).calls().isEmpty()) {
        lastCalling = i;
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      if (group.isEmpty() && i >= lastCalling) {
        // At most one statement with a call is left: it can start a group, never finish one. Its
        // calls' bodies are not worth following (in the scanner, each read resolves all its calls).
        break;
      }
      Step step = steps.get(i);
      Set<Wait> depends = new HashSet<>(escaped);
      for (Var read : step.reads()) {
        depends.addAll(taint.getOrDefault(read, Set.of()));
      }
      Optional<List<Wait>> found = waits(i, step);
      if (found.isEmpty()) { // a statement that ends the group: everything after depends on it
        report(group, findings);
        group.clear();
        taint.clear();
        escaped.clear();
        continue;
      }
      List<Wait> waits = found.orElseThrow();
      if (waits.isEmpty()) {
        spread(step, depends, null, taint, escaped);
        continue;
      }
      Wait wait = waits.get(0);
      boolean dependent = group.stream().anyMatch(w -> depends.contains(w) || ordered(w, wait));
      if (dependent) {
        report(group, findings);
        group.clear();
      }
      group.add(wait);
      depends.add(wait);
      spread(step, depends, wait, taint, escaped);
      if (keepsState.test(wait.site().target())
          || startedByStateChange(wait, keepsState)
          || registers(wait)) {
        escaped.add(wait);
      }
    }
    report(group, findings);
  }

  /** What a statement's values now depend on, and whether they reached shared state. */
  private static void spread(
      Step step, Set<Wait> depends, Wait wait, Map<Var, Set<Wait>> taint, Set<Wait> escaped) {
    if (depends.isEmpty()) {
      return;
    }
    // Whether a value reaches shared state is read with what the statement itself was handed;
    // what the wait itself is handed is its request, not state it keeps.
    List<Node> requests = wait != null && wait.call() instanceof Call c ? c.args() : List.of();
    for (Node sink : step.sinks()) {
      if (requests.stream().anyMatch(r -> r == sink)) {
        continue;
      }
      boolean carriesResult =
          (wait != null && Nodes.any(sink, n -> n == wait.call()))
              || Nodes.any(
                  sink,
                  n ->
                      n instanceof Node.Name name
                          && taint.getOrDefault(name.var(), Set.of()).stream()
                              .anyMatch(depends::contains));
      if (carriesResult) {
        escaped.addAll(depends);
      }
    }
    for (Var written : step.writes()) {
      taint.computeIfAbsent(written, v -> new HashSet<>()).addAll(depends);
    }
  }

  /**
   * The waits of a statement that may join a group (none, or one), or empty when the statement ends
   * the group.
   */
  private Optional<List<Wait>> waits(int index, Step step) {
    List<Wait> waits = new ArrayList<>();
    for (CallSite site : step.calls()) {
      if (!site.runVia().isEmpty()) {
        // A lambda's call: one run later or elsewhere is not this run's; one run in place (a
        // forEach) may wait any number of times, which this rule does not count: it ends the
        // group. Either way its body is not summarised from here.
        if (LambdaPolicy.runsInScope(site)) {
          return Optional.empty();
        }
        continue;
      }
      if (!site.target().name().equals(MethodRef.CONSTRUCTOR)
          && LifecyclePhases.isPhase(site.target().name())) {
        return Optional.empty(); // a phase: what follows may rely on it, whatever it waits for
      }
      if (isGate(site.target().name())) {
        return Optional.empty(); // waits until something holds: what follows is meant to run after
      }
      CallWait cost = summaries.evaluate(site);
      CallJudge.Verdict verdict = cost.verdict();
      Optional<WaitChain> chain = cost.waitChain();
      if (chain.isEmpty()) {
        if (cost.serializedWait().isPresent()) {
          return Optional.empty(); // through a serialized resource: ordered by declaration
        }
        if (verdict.tag().orElse(null) == WaitTag.PACING
            || verdict.tag().orElse(null) == WaitTag.LOCK) {
          return Optional.empty();
        }
        if (verdict.tag().orElse(null) == WaitTag.AWAIT
            && verdict.kind() == CallJudge.Kind.NOT_A_WAIT) {
          return Optional.empty(); // joins work started before: already started together
        }
        continue;
      }
      WaitChain c = chain.orElseThrow();
      Node node = step.callNodes().get(site.location());
      if (site.guard().kind() != Guard.Kind.ALWAYS
          || c.tag() == WaitTag.CHANNEL
          || c.tag() == WaitTag.PACING
          || c.tag() == WaitTag.LOCK
          || !c.sharedChannel().isEmpty()
          || c.hops().stream().skip(1).anyMatch(Hop::conditional)
          || node == null
          || (c.tag() == WaitTag.AWAIT && !awaitsItsOwnStart(node))) {
        return Optional.empty();
      }
      waits.add(new Wait(index, site, node, c));
    }
    return waits.size() > 1 ? Optional.empty() : Optional.of(waits);
  }

  /**
   * {@code zk.exists(path, this)}, {@code bus.subscribe(topic, e -> ...)}: a wait handed this
   * object or a function registers it with the other side (a watch, a listener), and what follows
   * may rely on it being registered (Solr's {@code SecurityNodeWatcher.register} sets the watch,
   * then reads).
   */
  private static boolean registers(Wait wait) {
    return wait.call() instanceof Call c
        && c.args().stream()
            .map(Nodes::unwrap)
            .anyMatch(
                a ->
                    a instanceof This
                        || a instanceof Node.Lambda
                        || a instanceof Node.MethodReference);
  }

  /**
   * {@code removePool(host).force().get()}: the work an await of its own start awaits was started
   * by a call that keeps state (it took the pool out of a field's map), which a later wait may read
   * (Cassandra driver's {@code SessionManager.onDown}).
   */
  private static boolean startedByStateChange(Wait wait, Predicate<MethodRef> keepsState) {
    if (wait.chain().tag() != WaitTag.AWAIT || !(wait.call() instanceof Call call)) {
      return false;
    }
    Node on = call.receiver();
    while (on != null && Nodes.unwrap(on) instanceof Call started) {
      if (started.resolve().map(t -> keepsState.test(t.ref())).orElse(false)) {
        return true;
      }
      on = started.receiver();
    }
    return false;
  }

  /** {@code client.sendAsync(x).join()}: the work awaited is started in the same expression. */
  private static boolean awaitsItsOwnStart(Node call) {
    return call instanceof Call c
        && c.receiver() != null
        && Nodes.unwrap(c.receiver()) instanceof Call;
  }

  /** Whether two waits may need their order, by what they are made on and handed. */
  private static boolean ordered(Wait earlier, Wait later) {
    if (!(earlier.call() instanceof Call first) || !(later.call() instanceof Call second)) {
      return true; // constructors (new Socket(...)): conservatively ordered
    }
    // For x.flush().get(), what is asked of whom is the flush on x.
    Call a = request(earlier, first);
    Call b = request(later, second);
    boolean stateful = StateVerbs.changesState(a.name()) || StateVerbs.changesState(b.name());
    Object on = object(a, earlier.site());
    if (on != null && on.equals(object(b, later.site()))) {
      if (stateful || sessionLike(earlier.site()) || sessionLike(later.site())) {
        return true;
      }
    }
    // The object one call is made on, handed to the other: both talk to the same thing
    // (c.getInputStream(); s3.decrypt(c) on one URLConnection).
    if ((on instanceof Var v && handed(b, v))
        || (object(b, later.site()) instanceof Var w && handed(a, w))) {
      return true;
    }
    for (Node x : a.args()) {
      Var v = Nodes.var(x);
      if (v != null
          && !v.isConstant()
          && handed(b, v)
          && (stateful || sessionLike(v.type().name()))) {
        return true;
      }
    }
    return false;
  }

  /** The call that starts the work an await of its own start awaits, else the wait's call. */
  private static Call request(Wait wait, Call call) {
    return wait.chain().tag() == WaitTag.AWAIT
            && call.receiver() != null
            && Nodes.unwrap(call.receiver()) instanceof Call started
        ? started
        : call;
  }

  private static boolean handed(Call call, Var v) {
    return call.args().stream().anyMatch(y -> Nodes.var(y) == v);
  }

  /** What a call is made on: a variable, {@code this}, or a class for a static call. */
  private static Object object(Call call, CallSite site) {
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    if (on == null || on instanceof This) {
      return site.receiver().kind() == dev.lockstep.analysis.facts.ReceiverKind.STATIC
          ? site.target().owner()
          : "this";
    }
    if (on instanceof TypeName t) {
      return t.type();
    }
    return Nodes.var(on);
  }

  /** A connection, session, transaction, channel or stream: calls on it are ordered. */
  private static boolean sessionLike(CallSite site) {
    return sessionLike(site.receiver().type());
  }

  private static boolean sessionLike(String type) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.matches(
        ".*(Session|Connection|Conn|Transaction|Tx|Channel|Socket|Stream|Statement|Cursor"
            + "|Pipeline|Batch|Multi)");
  }

  private void report(List<Wait> group, List<Finding> findings) {
    if (group.size() < 2) {
      return;
    }
    List<WaitChain> chains = group.stream().map(Wait::chain).toList();
    int n = group.size();
    StringBuilder text = new StringBuilder();
    text.append(n)
        .append(" independent round trips in a row (")
        .append(
            group.stream()
                .map(w -> w.chain().hops().get(0).render())
                .collect(Collectors.joining(" -> ")))
        .append("): ≈ ")
        .append(n)
        .append(" × RTT; started together they cost ≈ 1 × RTT. None needs another's result (");
    text.append(
        chains.stream()
            .limit(MAX_CHAINS_SHOWN)
            .map(WaitChain::render)
            .collect(Collectors.joining("; ")));
    if (n > MAX_CHAINS_SHOWN) {
      text.append("; and ").append(n - MAX_CHAINS_SHOWN).append(" more");
    }
    text.append("). Start them together (BoundedWindow.of(")
        .append(n)
        .append(").all(...), or async calls joined after the last one) and keep what uses their")
        .append(" results after the join. No automatic fix.");
    findings.add(
        new Finding(
            Checks.SERIAL_FAN_OUT,
            group.get(0).site().location(),
            text.toString(),
            chains,
            new Cost(n, OptionalInt.empty(), n),
            new FixPlan.NoRewrite("no automatic fix")));
  }
}
