package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.OuterWrite;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.CallWait;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.SerialPoint;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code SerialAwaitInLoop}: a loop over independent items whose every iteration waits, so {@code
 * N} items cost {@code N} round trips one after the other where a window of {@code k} would need
 * {@code ⌈N/k⌉}.
 *
 * <p>The loop is reported when all of these hold, checked in this order (the first that fails is
 * the {@link LoopVerdict.Clean} reason):
 *
 * <ol>
 *   <li>it goes over items ({@link LoopKind#isOverItems()});
 *   <li>serial execution is not declared intended ({@code @Sequential} on the method or a type
 *       around it);
 *   <li>the body does not pace itself: no {@code pacing} call ({@code Thread.sleep}, a rate
 *       limiter) directly in the body. One reached through a call is not a wait at all: a backoff,
 *       a throttle or a poll interval, which running the items at once would not shorten;
 *   <li>no {@code channel} call (a stream read, a JDBC statement, a commit) is made on a channel
 *       every iteration shares: such calls are ordered on the channel, one iteration after another
 *       (this and the previous condition are checked call by call, in the body's order, so the
 *       first such call decides the reason);
 *   <li>no variable carries from one iteration to the next (a cursor, a threaded state). Writes
 *       that every iteration makes before reading, and reductions ({@code total += x}, {@code
 *       n++}), do not carry; neither do {@code list.add}/{@code map.put}, which are calls;
 *   <li>the loop has no way out before its items run out: no {@code break}, no {@code return}, no
 *       short-circuiting stream terminal ({@code findFirst}, {@code anyMatch}, {@code limit}) — any
 *       exit, whatever decides it: running the items at once would do work the loop never did;
 *   <li>no call waits only through a {@code @SerializedResource} (its wait has no chain other than
 *       through the resource): a window there is fake concurrency;
 *   <li>and at least one call per iteration waits, directly or through the call chain (see {@link
 *       CallJudge} and {@link Summaries}). Calls in loops nested inside the body belong to the
 *       inner loop's report.
 * </ol>
 */
public final class SerialAwaitRule {
  /**
   * The waits a reported chain ends in: a round trip, an await, a channel wait. A pause in the body
   * makes the loop paced and a lock is no wait here, so a front end may skip a loop none of whose
   * calls may wait with one of these: its verdict can only be clean.
   */
  public static final Set<WaitTag> COUNTED =
      Set.of(WaitTag.LATENCY, WaitTag.AWAIT, WaitTag.CHANNEL);

  /** How many chains the message spells out before summarising the rest. */
  private static final int MAX_CHAINS_SHOWN = 3;

  private final Summaries summaries;
  private final int window;

  public SerialAwaitRule(Summaries summaries, int window) {
    this.summaries = requireNonNull(summaries, "summaries");
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.window = window;
  }

  public LoopVerdict judge(LoopFact loop) {
    if (!loop.kind().isOverItems()) {
      return new LoopVerdict.Clean(LoopVerdict.Reason.NOT_OVER_ITEMS, "not a loop over items");
    }
    if (loop.enclosingMarks().has(Mark.SEQUENTIAL)) {
      return new LoopVerdict.Clean(
          LoopVerdict.Reason.SEQUENTIAL, "@Sequential: serial execution is intended");
    }

    List<CallWait> costs = new ArrayList<>();
    for (CallSite call : loop.calls()) {
      if (call.inNestedLoop()) {
        continue;
      }
      CallWait cost = summaries.evaluate(call);
      CallJudge.Verdict verdict = cost.verdict();
      if (verdict.isWait() && verdict.tag().orElse(null) == WaitTag.PACING) {
        return new LoopVerdict.Clean(
            LoopVerdict.Reason.PACED, "the body paces itself with " + verdict.label());
      }
      if (verdict.isWait()
          && verdict.tag().orElse(null) == WaitTag.CHANNEL
          && sharedChannel(call.receiver())) {
        return new LoopVerdict.Clean(
            LoopVerdict.Reason.SHARED_CHANNEL,
            "every iteration uses one shared "
                + describe(call.receiver())
                + " ("
                + verdict.label()
                + "), so the calls are ordered");
      }
      costs.add(cost);
    }

    for (OuterWrite write : loop.outerWrites()) {
      if (carries(write)) {
        return new LoopVerdict.Clean(
            LoopVerdict.Reason.LOOP_CARRIED,
            "'" + write.name() + "' carries from one iteration to the next");
      }
    }
    // Any way out before the items run out means the loop is not "every item, independently":
    // a first match, a failover that returns on the first node that answers (a return in a try
    // whose catch moves on), a stop at a sentinel. Running the items at once would do work the
    // loop never did, so every exit counts, whether or not it visibly depends on a call.
    if (!loop.exits().isEmpty()) {
      Exit exit = loop.exits().get(0);
      return new LoopVerdict.Clean(
          LoopVerdict.Reason.EARLY_EXIT,
          "the loop stops early ("
              + exit.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " at "
              + exit.location().render()
              + ")");
    }

    for (CallWait cost : costs) {
      Optional<WaitChain> chain = cost.waitChain();
      if (chain.isPresent() && !chain.orElseThrow().sharedChannel().isEmpty()) {
        return new LoopVerdict.Clean(
            LoopVerdict.Reason.SHARED_CHANNEL,
            "every iteration reads one shared '"
                + chain.orElseThrow().sharedChannel()
                + "' ("
                + chain.orElseThrow().render()
                + "), so the reads are ordered");
      }
    }
    List<WaitChain> chains = new ArrayList<>();
    for (CallWait cost : costs) {
      if (cost.serializedWait().isPresent() && cost.waitChain().isEmpty()) {
        return new LoopVerdict.Clean(
            LoopVerdict.Reason.SERIALIZED_RESOURCE,
            "the wait goes through a serialized resource ("
                + cost.serializedWait().orElseThrow().render()
                + ")");
      }
      // A wait reached only through a condition inside a called method is a path the items may
      // never take (a flag, a special case, an error path): not counted. Conditions in the loop
      // body itself are the visible per-item logic: kept, and shown.
      cost.waitChain().filter(c -> !conditionalBelowTheLoop(c)).ifPresent(chains::add);
    }
    if (chains.isEmpty()) {
      return new LoopVerdict.Clean(LoopVerdict.Reason.NO_WAIT, "no call in the body waits");
    }

    Cost cost = new Cost(chains.size(), loop.knownSize(), window);
    Optional<SerialPoint> queue = queue(loop);
    FixPlan fix =
        queue.isPresent()
            ? new FixPlan.NoRewrite("a window's tasks would queue on one lock")
            : planFix(loop);
    String message = message(loop, chains, cost, fix, queue);
    return new LoopVerdict.Flagged(
        new Finding(Checks.SERIAL_AWAIT_IN_LOOP, loop.location(), message, chains, cost, fix));
  }

  /**
   * A lock every item would take across its wait (a {@code synchronized} callee on a shared object,
   * a shared lock's region), holding fewer items at once than the window: a window there would be
   * fake concurrency of our own making.
   */
  private Optional<SerialPoint> queue(LoopFact loop) {
    List<CallSite> calls = loop.calls().stream().filter(c -> !c.inNestedLoop()).toList();
    return summaries.taskPoints(calls, List.of()).stream()
        .filter(p -> p.parallelism() < window && p.across().isPresent())
        .findFirst();
  }

  /**
   * A channel is shared when every iteration sees the same one: a field, a parameter, a local from
   * before the loop, or something made from one of those without a wait ({@code
   * connection.prepareStatement(sql)}, {@code socket.getInputStream()}).
   */
  private static boolean sharedChannel(Receiver receiver) {
    // A chain rooted in a static factory (DriverManager.getConnection(...)) made it fresh.
    return receiver.kind().isShared()
        || (receiver.kind() == ReceiverKind.FRESH
            && receiver.root().isShared()
            && receiver.root() != ReceiverKind.STATIC);
  }

  private static String describe(Receiver receiver) {
    if (!receiver.name().isEmpty()) {
      return "'" + receiver.name() + "'";
    }
    return receiver.producedBy().map(p -> "'" + p.name() + "(...)' result").orElse("channel");
  }

  private static boolean conditionalBelowTheLoop(WaitChain chain) {
    return chain.hops().stream().skip(1).anyMatch(Hop::conditional);
  }

  private static boolean carries(OuterWrite write) {
    return !write.reductionOnly()
        && write.readInBody()
        && !write.writtenBeforeRead()
        && !write.onlyWhileUnset();
  }

  private FixPlan planFix(LoopFact loop) {
    FixFacts fix = loop.fix();
    if (loop.kind() != LoopKind.ENHANCED_FOR) {
      return new FixPlan.NoRewrite("only enhanced for loops are rewritten automatically");
    }
    if (!fix.windowOnClasspath()) {
      return new FixPlan.NoRewrite(
          "dev.lockstep.window.BoundedWindow is not on the classpath (add"
              + " dev.lockstep:lockstep-window)");
    }
    if (fix.leavesLoop() || !loop.exits().isEmpty()) {
      return new FixPlan.NoRewrite("the body leaves the loop early (break, continue or return)");
    }
    Optional<OuterWrite> write = loop.outerWrites().stream().findFirst();
    if (write.isPresent()) {
      return new FixPlan.NoRewrite(
          "the body assigns '" + write.orElseThrow().name() + "', declared outside the loop");
    }
    if (fix.capturesMutableLocal()) {
      return new FixPlan.NoRewrite(
          "the body reads a local that is reassigned, which a lambda cannot capture");
    }
    if (fix.collector().isPresent()) {
      if (fix.mapBlocker().isPresent()) {
        return new FixPlan.NoRewrite(fix.mapBlocker().orElseThrow());
      }
      return new FixPlan.Rewrite(FixPlan.Shape.MAP, window, fix.collector().orElseThrow());
    }
    if (fix.forEachBlocker().isPresent()) {
      return new FixPlan.NoRewrite(fix.forEachBlocker().orElseThrow());
    }
    return new FixPlan.Rewrite(FixPlan.Shape.FOR_EACH, window, "");
  }

  private String message(
      LoopFact loop, List<WaitChain> chains, Cost cost, FixPlan fix, Optional<SerialPoint> queue) {
    StringBuilder text = new StringBuilder();
    text.append(loop.kind() == LoopKind.SEQUENTIAL_STREAM ? "stream over '" : "loop over '")
        .append(loop.iterated())
        .append("' waits ")
        // Every chain under some condition: the items that meet it wait, maybe not all.
        .append(chains.stream().allMatch(WaitChain::conditional) ? "up to " : "")
        .append(chains.size() == 1 ? "once" : chains.size() + "×")
        .append(" per item (");
    text.append(
        chains.stream()
            .limit(MAX_CHAINS_SHOWN)
            .map(WaitChain::render)
            .collect(Collectors.joining("; ")));
    if (chains.size() > MAX_CHAINS_SHOWN) {
      text.append("; and ").append(chains.size() - MAX_CHAINS_SHOWN).append(" more");
    }
    text.append("): ").append(cost.renderSerial());
    Optional<String> batch =
        chains.stream().map(WaitChain::batch).filter(b -> !b.isEmpty()).findFirst();
    if (batch.isPresent()) {
      // The client can do all items at once: fewer round trips than any window.
      text.append(". The client has a batch call: ")
          .append(batch.orElseThrow())
          .append(" asks for all items in ≈ 1 round trip");
    }
    if (queue.isPresent()) {
      SerialPoint point = queue.orElseThrow();
      return text.append(". A bounded window would not help: every item goes through ")
          .append(EffectiveParallelismRule.describe(point))
          .append(", so ")
          .append(point.parallelism() == 1 ? "one item" : point.parallelism() + " items")
          .append(" at a time would wait, whatever the window. Batch the calls into fewer round")
          .append(" trips, or widen the resource (a connection per task, a lock per key) first.")
          .toString();
    }
    text.append(
            batch.isPresent()
                ? ". Otherwise, independent items can run in a bounded window: BoundedWindow.of("
                : ". Independent items can run in a bounded window: BoundedWindow.of(")
        .append(window)
        .append(") cuts that to ")
        .append(cost.renderWindowed())
        .append('.');
    switch (fix) {
      case FixPlan.Rewrite rewrite ->
          text.append(
              rewrite.shape() == FixPlan.Shape.MAP
                  ? " The suggested fix collects the results in order with"
                      + " BoundedWindow.of("
                      + window
                      + ").map."
                  : " The suggested fix runs the body with BoundedWindow.of("
                      + window
                      + ").forEach.");
      case FixPlan.NoRewrite none ->
          text.append(" No automatic rewrite: ").append(none.reason()).append('.');
    }
    return text.toString();
  }
}
