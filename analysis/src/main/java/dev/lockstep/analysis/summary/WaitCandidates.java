package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The chains by which a method may wait, kept so that the wait named is the one that happens every
 * time: a chain is better when it runs unconditionally, then when it is shorter. A chain that runs
 * only when one of the method's boolean parameters has some value keeps that as a {@link
 * Requirement}, for the caller to decide with its argument ({@code load(id, true)} rules out the
 * path under {@code if (!local)}).
 *
 * <p>Only chains no other chain beats on every count are kept (fewer requirements, unconditional,
 * shorter), at most {@value #MAX} of them; on a tie the first found stays, so a summary depends
 * only on the bodies, not on the order they are asked about.
 */
final class WaitCandidates {
  static final int MAX = 8;
  static final WaitCandidates NONE = new WaitCandidates(List.of());

  /** The method's parameter {@code parameter} must be {@code value} for the chain to run. */
  record Requirement(int parameter, boolean value, String condition) {}

  /** One chain and what it requires of the method's parameters. */
  record Candidate(WaitChain chain, List<Requirement> requires) {
    Candidate {
      requireNonNull(chain, "chain");
      requires = List.copyOf(requires);
    }

    /** Runs every time, whatever the caller passes. */
    boolean unconditional() {
      return requires.isEmpty() && !chain.conditional();
    }

    boolean beats(Candidate other) {
      return other.requires.containsAll(requires)
          && (!chain.conditional() || other.chain.conditional())
          && chain.length() <= other.chain.length();
    }
  }

  private static final Comparator<Candidate> RANK =
      Comparator.comparing((Candidate c) -> !c.unconditional())
          .thenComparingInt(c -> c.chain().length());

  private final List<Candidate> all;

  private WaitCandidates(List<Candidate> all) {
    this.all = List.copyOf(all);
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** Whether some chain ends in a wait with one of {@code tags}. */
  boolean anyTagged(Set<WaitTag> tags) {
    return all.stream().anyMatch(c -> tags.contains(c.chain().tag()));
  }

  /**
   * These and {@code candidate}, unless one of these beats it. A pause (a sleep, a rate limiter)
   * reached through a call, or only under a condition, is a retry's backoff, a throttle or a poll
   * interval, not a round trip: running callers at once would not make it shorter, or would defeat
   * it. Dropped; a method's own pause stays in its summary (a lock held across it still counts).
   */
  WaitCandidates plus(Candidate candidate) {
    WaitChain chain = candidate.chain();
    if (chain.tag() == WaitTag.PACING && (chain.conditional() || chain.length() > 1)) {
      return this;
    }
    for (Candidate c : all) {
      if (c.beats(candidate)) {
        return this;
      }
    }
    List<Candidate> kept = new ArrayList<>(all.size() + 1);
    for (Candidate c : all) {
      if (!candidate.beats(c)) {
        kept.add(c);
      }
    }
    kept.add(candidate);
    if (kept.size() > MAX) {
      kept.sort(Comparator.comparingInt((Candidate c) -> c.requires().size()).thenComparing(RANK));
      kept = kept.subList(0, MAX);
    }
    return new WaitCandidates(kept);
  }

  WaitCandidates plusAll(WaitCandidates other) {
    WaitCandidates result = this;
    for (Candidate c : other.all) {
      result = result.plus(c);
    }
    return result;
  }

  /**
   * The chain that runs every time because a call on each side of one test waits: these are one
   * side's chains, {@code otherSide} the other's. The shorter of the two sides' best chains whose
   * only condition is the test itself, that condition dropped; none when a side has no such chain.
   */
  WaitCandidates eitherSide(WaitCandidates otherSide) {
    Optional<Candidate> mine = onlyTheTest();
    Optional<Candidate> theirs = otherSide.onlyTheTest();
    if (mine.isEmpty() || theirs.isEmpty()) {
      return NONE;
    }
    Candidate shorter =
        theirs.orElseThrow().chain().length() < mine.orElseThrow().chain().length()
            ? theirs.orElseThrow()
            : mine.orElseThrow();
    return NONE.plus(new Candidate(shorter.chain().firstHopAlways(), List.of()));
  }

  /** The shortest chain that needs nothing but its first hop's own condition. */
  private Optional<Candidate> onlyTheTest() {
    return all.stream()
        .filter(c -> c.requires().isEmpty())
        .filter(c -> c.chain().hops().stream().skip(1).noneMatch(Hop::conditional))
        .min(Comparator.comparingInt(c -> c.chain().length()));
  }

  /** The chains of at most {@code budget} hops. */
  WaitCandidates within(int budget) {
    if (all.stream().allMatch(c -> c.chain().length() <= budget)) {
      return this;
    }
    return new WaitCandidates(all.stream().filter(c -> c.chain().length() <= budget).toList());
  }

  /** Whether a longer chain can no longer be better: one runs every time already. */
  boolean settled() {
    return all.stream().anyMatch(Candidate::unconditional);
  }

  /** The chain to name: unconditional first, then the shortest; the first found on a tie. */
  Optional<WaitChain> best() {
    Candidate best = null;
    for (Candidate c : all) {
      if (best == null || RANK.compare(c, best) < 0) {
        best = c;
      }
    }
    return Optional.ofNullable(best).map(Candidate::chain);
  }

  /**
   * These chains as a caller sees them through {@code call}: each callee requirement decided by a
   * constant argument (kept or dropped), handed on to the caller's own parameter, or left as a
   * condition on the call; the call's own guard added.
   *
   * @param keepRequirements whether the caller's parameter guards stay requirements (in a summary)
   *     or become conditions (in a loop, where no caller decides them)
   */
  WaitCandidates through(
      CallSite call, String name, boolean keepRequirements, Predicate<Argument> localUrl) {
    WaitCandidates result = NONE;
    for (Candidate c : all) {
      Optional<Candidate> seen = through(c, call, name, keepRequirements, localUrl);
      if (seen.isPresent()) {
        result = result.plus(seen.orElseThrow());
      }
    }
    return result;
  }

  private static Optional<Candidate> through(
      Candidate c,
      CallSite call,
      String name,
      boolean keepRequirements,
      Predicate<Argument> localUrl) {
    List<Requirement> requires = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    for (Requirement r : c.requires()) {
      Argument arg =
          r.parameter() < call.arguments().size()
              ? call.arguments().get(r.parameter())
              : Argument.OTHER;
      switch (arg.kind()) {
        case TRUE, FALSE -> {
          if ((arg.kind() == Argument.Kind.TRUE) != r.value()) {
            return Optional.empty(); // the caller's constant rules this path out
          }
        }
        case PARAMETER -> requires.add(new Requirement(arg.parameter(), r.value(), r.condition()));
        case SHARED, LOCAL_URL, CALLER, RETURNED, OTHER -> conditions.add(r.condition());
      }
    }
    guarded(call.guard(), keepRequirements, requires, conditions);
    for (int i = 0; i < requires.size(); i++) {
      for (int j = i + 1; j < requires.size(); j++) {
        Requirement a = requires.get(i);
        Requirement b = requires.get(j);
        if (a.parameter() == b.parameter() && a.value() != b.value()) {
          return Optional.empty(); // one parameter cannot be both
        }
      }
    }
    Hop into = new Hop(name, call.location(), String.join(" && ", conditions));
    // A stream the callee reads from its parameter: the caller's own parameter passes it on; a
    // variable every run shares makes the reads one shared channel.
    int channel = -1;
    String shared = c.chain().sharedChannel();
    int p = c.chain().channelParameter();
    if (p >= 0 && p < call.arguments().size()) {
      Argument arg = call.arguments().get(p);
      if (arg.kind() == Argument.Kind.PARAMETER) {
        channel = arg.parameter();
      } else if (arg.kind() == Argument.Kind.SHARED) {
        shared = arg.name();
      }
    }
    // A URL the callee reads from its parameter: a local one is no round trip; the caller's own
    // parameter passes the question on.
    int url = -1;
    int u = c.chain().urlParameter();
    if (u >= 0) {
      Argument arg = u < call.arguments().size() ? call.arguments().get(u) : Argument.OTHER;
      if (localUrl.test(arg)) {
        return Optional.empty();
      }
      if (arg.kind() == Argument.Kind.PARAMETER) {
        url = arg.parameter();
      } else if (arg.kind() == Argument.Kind.CALLER) {
        url = WaitChain.CALLERS_URL;
      }
    }
    return Optional.of(
        new Candidate(
            c.chain().after(into, channel, shared, url), requires.stream().distinct().toList()));
  }

  /**
   * These chains without the ones that read a URL the scope's method got from its caller: whether
   * that is a round trip is the caller's to say, and a loop's finding cannot ask every caller.
   */
  WaitCandidates withoutCallersUrls() {
    if (all.stream().noneMatch(c -> c.chain().urlParameter() >= 0)) {
      return this;
    }
    return new WaitCandidates(all.stream().filter(c -> c.chain().urlParameter() < 0).toList());
  }

  /** A wait made directly by {@code call}, under the call's guard. */
  static WaitCandidates direct(
      CallSite call, String label, WaitTag tag, String batch, boolean keep, boolean reply) {
    List<Requirement> requires = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    guarded(call.guard(), keep, requires, conditions);
    WaitChain chain =
        WaitChain.direct(new Hop(label, call.location(), String.join(" && ", conditions)), tag)
            .withBatch(batch);
    if (reply) {
      chain = chain.asReply();
    }
    if (tag == WaitTag.CHANNEL && call.receiverParameter() >= 0) {
      chain = chain.onChannel(call.receiverParameter());
    }
    switch (call.receiverOrigin().kind()) {
      case PARAMETER -> chain = chain.onUrlParameter(call.receiverOrigin().parameter());
      case CALLER -> chain = chain.onUrlParameter(WaitChain.CALLERS_URL);
      default -> {}
    }
    return NONE.plus(new Candidate(chain, requires));
  }

  /**
   * Adds a call's own guard: a parameter guard stays a requirement in a summary ({@code keep}) and
   * becomes a condition in a loop; any other condition is shown first on the hop.
   */
  private static void guarded(
      Guard guard, boolean keep, List<Requirement> requires, List<String> conditions) {
    switch (guard.kind()) {
      case ALWAYS -> {}
      case PARAMETER -> {
        if (keep) {
          requires.add(new Requirement(guard.parameter(), guard.runsWhen(), guard.condition()));
        } else {
          conditions.add(0, guard.condition());
        }
      }
      default -> conditions.add(0, guard.condition());
    }
  }
}
