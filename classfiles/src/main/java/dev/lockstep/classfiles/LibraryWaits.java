package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What counts as a wait inside a library body: round trips, not synchronisation. Inside libraries
 * most waits are a pool checkout, a lock, a latch in a lifecycle method; only these are kept:
 *
 * <ul>
 *   <li>the catalogue's round trips ({@code latency}, {@code channel}: socket and channel I/O,
 *       HTTP, JDBC), which the judge already counts;
 *   <li>a park ({@code await}-tagged: {@code Future.get}, {@code CountDownLatch.await}; and {@code
 *       Object.wait}, {@code LockSupport.park}, {@code Condition.await}) that a send precedes on
 *       every path to it, in the body itself or in a callee it made: the RPC shape, send and then
 *       park until the I/O thread completes the reply. It is marked {@link Mark#BLOCKING}, so the
 *       judge counts it whatever it is called on;
 *   <li>a call into a library method that parks, made after a send the same way ({@code
 *       channel.write(request); return pending.get();}): marked {@link Mark#BLOCKING} too.
 * </ul>
 *
 * <p>A park with no send before it is dropped from the facts: nothing else in the analysis could
 * tell it from a pool checkout. A deliberate pause ({@code pacing}: a sleep, a rate limiter) in a
 * library is a backoff or a throttle, dropped too. When a park that runs every time is kept, the
 * sends before it are marked {@link Mark#NON_BLOCKING}: the round trip is one wait, and the chain
 * names it by the park (the reply), not by the write that handed the request to the socket.
 *
 * <p>Everything is expressed in existing {@link CallSite} fields (marks, presence), so the
 * summaries and the judge read library bodies like any other.
 */
final class LibraryWaits {
  /** What a call is to the rule, on its own (catalogue, parks) before any body is asked. */
  enum Role {
    /** A round trip by the catalogue. */
    SEND,
    /** Parks the thread until someone else completes something. */
    PARK,
    /** A deliberate pause: dropped in libraries. */
    PAUSE,
    /** A call into another library method: its body decides. */
    LIBRARY,
    OTHER
  }

  /** The library bodies below a call, as the rule asks about them. */
  interface Callees {
    /** Whether the library method makes a round trip within {@code budget} bodies. */
    boolean sends(MethodRef method, int budget);

    /** Whether it parks with no send before the park, within {@code budget} bodies. */
    boolean parks(MethodRef method, int budget);

    /** Whether the method's class is a library's (its body can be asked about). */
    boolean isLibrary(MethodRef method);
  }

  private final Catalogue catalogue;

  LibraryWaits(Catalogue catalogue) {
    this.catalogue = requireNonNull(catalogue, "catalogue");
  }

  Role role(CallSite call, Callees callees) {
    Optional<CatalogueEntry> entry = catalogue.match(call);
    if (entry.isPresent()) {
      return switch (entry.orElseThrow().tag()) {
        case LATENCY, CHANNEL ->
            call.receiverOrigin().kind() == Argument.Kind.LOCAL_URL ? Role.OTHER : Role.SEND;
        case AWAIT -> Role.PARK;
        case PACING -> Role.PAUSE;
        case LOCK, NONE -> Role.OTHER;
      };
    }
    if (isPark(call.target())) {
      return Role.PARK;
    }
    return callees.isLibrary(call.target()) ? Role.LIBRARY : Role.OTHER;
  }

  /** Parks that are no catalogue entry: a monitor's wait, a raw park, a condition's await. */
  static boolean isPark(MethodRef target) {
    String owner = target.owner();
    String name = target.name();
    return (owner.equals("java.lang.Object") && name.equals("wait"))
        || (owner.equals("java.util.concurrent.locks.LockSupport") && name.startsWith("park"))
        || (owner.equals("java.util.concurrent.locks.Condition") && name.startsWith("await"));
  }

  /** One body's calls with their roles, and the answers about them asked so far. */
  private final class Reading {
    final BytecodeReader.Body body;
    final List<CallSite> calls;
    final List<Role> roles;
    final Callees callees;
    final int budget;
    final Map<Integer, Boolean> sendsAt = new java.util.HashMap<>();

    Reading(BytecodeReader.Body body, Callees callees, int budget) {
      this.body = body;
      this.calls = body.facts().calls();
      this.roles = calls.stream().map(c -> role(c, callees)).toList();
      this.callees = callees;
      this.budget = budget;
    }

    /** Whether call {@code i} makes a round trip: by itself, or in the library body it calls. */
    boolean sends(int i) {
      return switch (roles.get(i)) {
        case SEND -> true;
        case LIBRARY ->
            budget > 1
                && sendsAt.computeIfAbsent(
                    i, k -> callees.sends(calls.get(k).target(), budget - 1));
        case PARK, PAUSE, OTHER -> false;
      };
    }

    /** Whether call {@code i} parks: by itself, or in the library body it calls. */
    boolean parks(int i) {
      return switch (roles.get(i)) {
        case PARK -> true;
        case LIBRARY -> budget > 1 && callees.parks(calls.get(i).target(), budget - 1);
        case SEND, PAUSE, OTHER -> false;
      };
    }

    /** The calls that send on every path to call {@code i}: their instructions dominate it. */
    List<Integer> sendsBefore(int i) {
      int at = body.callInstructions().get(i);
      List<Integer> sends = new ArrayList<>();
      for (int j = 0; j < calls.size(); j++) {
        if (j != i
            && roles.get(j) != Role.OTHER
            && body.flow().dominates(body.callInstructions().get(j), at)
            && sends(j)) {
          sends.add(j);
        }
      }
      return sends;
    }
  }

  /** Whether the raw body makes a round trip anywhere, within {@code budget} bodies. */
  boolean sends(BytecodeReader.Body body, Callees callees, int budget) {
    Reading r = new Reading(body, callees, budget);
    for (int i = 0; i < r.calls.size(); i++) {
      if (r.sends(i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the raw body parks with no send before the park, within {@code budget} bodies. */
  boolean parksUnsent(BytecodeReader.Body body, Callees callees, int budget) {
    Reading r = new Reading(body, callees, budget);
    for (int i = 0; i < r.calls.size(); i++) {
      if ((r.roles.get(i) == Role.PARK || r.roles.get(i) == Role.LIBRARY)
          && r.parks(i)
          && r.sendsBefore(i).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The body's facts with the library rule applied; callees asked within {@code budget}. */
  MethodFacts apply(BytecodeReader.Body body, Callees callees, int budget) {
    Reading r = new Reading(body, callees, budget);
    MethodFacts raw = body.facts();
    List<CallSite> calls = raw.calls();
    IdentityHashMap<CallSite, Optional<CallSite>> kept = new IdentityHashMap<>();
    List<Integer> silenced = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      CallSite call = calls.get(i);
      Optional<CallSite> now = Optional.of(call);
      Role role = r.roles.get(i);
      if (role == Role.PAUSE) {
        now = Optional.empty();
      } else if (role == Role.PARK || role == Role.LIBRARY) {
        // A library call is asked about only when a send precedes it: most are not.
        List<Integer> sends =
            role == Role.PARK || anySendBefore(r, i) ? r.sendsBefore(i) : List.of();
        if (!sends.isEmpty() && r.parks(i)) {
          if (call.guard().kind() == Guard.Kind.ALWAYS) {
            silenced.addAll(sends);
          }
          now = Optional.of(marked(call, Mark.BLOCKING));
        } else if (role == Role.PARK) {
          now = Optional.empty(); // a park with no send before it: synchronisation
        }
      }
      kept.put(call, now);
    }
    for (int s : silenced) {
      kept.put(calls.get(s), kept.get(calls.get(s)).map(c -> marked(c, Mark.NON_BLOCKING)));
    }
    List<LockRegion> regions = new ArrayList<>();
    for (LockRegion region : raw.lockRegions()) {
      regions.add(
          new LockRegion(
              region.kind(),
              region.lock(),
              region.holder(),
              region.isStatic(),
              region.permits(),
              region.location(),
              region.holderMethod(),
              keptOf(region.calls(), kept),
              region.lazyInit()));
    }
    return new MethodFacts(
        raw.method(),
        raw.location(),
        raw.methodMarks(),
        raw.typeMarks(),
        keptOf(calls, kept),
        regions,
        raw.returns(),
        raw.confinedParameters());
  }

  /** A cheap first look: some call before {@code i} on every path is a send or a library call. */
  private static boolean anySendBefore(Reading r, int i) {
    int at = r.body.callInstructions().get(i);
    for (int j = 0; j < r.calls.size(); j++) {
      if (j != i
          && (r.roles.get(j) == Role.SEND || r.roles.get(j) == Role.LIBRARY)
          && r.body.flow().dominates(r.body.callInstructions().get(j), at)) {
        return true;
      }
    }
    return false;
  }

  private static List<CallSite> keptOf(
      List<CallSite> calls, IdentityHashMap<CallSite, Optional<CallSite>> kept) {
    List<CallSite> out = new ArrayList<>(calls.size());
    for (CallSite c : calls) {
      kept.getOrDefault(c, Optional.of(c)).ifPresent(out::add);
    }
    return out;
  }

  private static CallSite marked(CallSite call, Mark mark) {
    return call.withMarks(
        call.targetMarks().plus(Marks.of(mark)), call.ownerMarks(), call.receiverMarks());
  }
}
