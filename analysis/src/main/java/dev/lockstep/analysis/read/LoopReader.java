package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.OuterWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads one loop of a lowered body: its shape, what it iterates, the calls one iteration makes
 * (receivers relative to the iteration), what it writes outside itself and how it is left.
 */
public final class LoopReader {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private LoopReader() {}

  /**
   * A loop as read, before the front end adds what only it knows (the enclosing annotations, how to
   * rewrite the loop).
   *
   * @param bodies the iteration's bodies: the loop statement's body, or the lambdas and method
   *     references of a {@code forEach} or stream
   * @param scope the iteration's scope: its locals, items, iterator or index
   * @param leavesLoop whether a {@code break}, {@code continue} or {@code return} leaves the body
   * @param uncertain whether an unresolved call in the body might have made the loop fine
   */
  public record LoopReading(
      LoopKind kind,
      Location location,
      Node iterated,
      String itemName,
      OptionalInt knownSize,
      List<CallSite> calls,
      List<OuterWrite> outerWrites,
      List<Exit> exits,
      List<Node> bodies,
      BodyScope scope,
      boolean leavesLoop,
      boolean uncertain) {
    public LoopFact fact(Marks enclosingMarks, FixFacts fix) {
      if (kind == LoopKind.OTHER) {
        return new LoopFact(
            kind,
            location,
            "",
            itemName,
            OptionalInt.empty(),
            List.of(),
            List.of(),
            List.of(),
            Marks.NONE,
            FixFacts.NONE);
      }
      String text = iterated == null ? "" : shorten(iterated.src().source());
      return new LoopFact(
          kind,
          location,
          text,
          itemName,
          knownSize,
          calls,
          outerWrites,
          exits,
          enclosingMarks,
          fix);
    }
  }

  /**
   * Reads {@code loop} (a {@link Loop}, or the last call of a {@code forEach} or stream chain), or
   * empty when it is not a loop we model.
   *
   * @param location where diagnostics put the loop (its first token)
   * @param method every local of the enclosing method with its initialiser and what it is assigned
   *     ({@link BodyScope#declareAll})
   * @param mayHideCleanReason for an unresolved call's name: whether it could make the loop fine
   * @param declarations where the classes a receiver field is allocated with are found
   */
  public static Optional<LoopReading> read(
      Node loop,
      Location location,
      BodyScope method,
      Predicate<String> mayHideCleanReason,
      Declarations declarations) {
    Map<Var, Node> methodLocals = method.declared;
    BodyScope scope = new BodyScope();
    scope.outer = methodLocals;
    scope.outerAssigned = method.assigned;
    List<Node> bodies = new ArrayList<>();
    List<Exit> extraExits = new ArrayList<>();
    String itemName = "";
    LoopKind kind = LoopKind.OTHER;
    Node iterated = null;
    switch (loop) {
      case Loop l -> {
        scope.declareAll(l);
        bodies.add(l.body());
        switch (l.kind()) {
          case FOR_EACH -> {
            kind = LoopKind.ENHANCED_FOR;
            iterated = l.iterable();
            if (l.item() != null) {
              scope.items.add(l.item());
              itemName = l.item().name();
            }
          }
          case FOR -> {
            iterated = LoopShapes.indexedTarget(l, scope);
            kind = iterated == null ? LoopKind.OTHER : LoopKind.INDEXED_FOR;
            if (scope.index != null) {
              itemName = scope.index.name();
            } else {
              // for (Iterator<T> it = xs.iterator(); it.hasNext();)
              iterated = LoopShapes.iteratorTarget(l, scope, methodLocals);
              kind = iterated == null ? LoopKind.OTHER : LoopKind.ITERATOR_WHILE;
              itemName = scope.items.stream().findFirst().map(Var::name).orElse("");
            }
          }
          case WHILE, DO -> {
            iterated = LoopShapes.iteratorTarget(l, scope, methodLocals);
            kind = iterated == null ? LoopKind.OTHER : LoopKind.ITERATOR_WHILE;
            itemName = scope.items.stream().findFirst().map(Var::name).orElse("");
          }
        }
      }
      case Call call -> {
        scope.declareAll(call);
        Optional<LoopShapes.CallLoop> callLoop = LoopShapes.callLoop(call, extraExits);
        if (callLoop.isEmpty()) {
          return Optional.empty();
        }
        kind = callLoop.orElseThrow().kind();
        iterated = callLoop.orElseThrow().iterated();
        for (Node body : callLoop.orElseThrow().bodies()) {
          bodies.add(body);
          if (body instanceof Lambda lambda) {
            for (Var param : lambda.params()) {
              scope.items.add(param);
              if (itemName.isEmpty()) {
                itemName = param.name();
              }
            }
          }
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    if (kind == LoopKind.OTHER) {
      return Optional.of(
          new LoopReading(
              kind,
              location,
              null,
              itemName,
              OptionalInt.empty(),
              List.of(),
              List.of(),
              List.of(),
              bodies,
              scope,
              false,
              false));
    }
    CallReader calls = new CallReader(scope, true, mayHideCleanReason);
    calls.allocations(new Allocations(methodLocals, declarations));
    ChannelModes channels = new ChannelModes(null, declarations);
    bodies.forEach(channels::add);
    calls.channels(channels);
    LoopBodyReader body = new LoopBodyReader(scope, loop instanceof Loop);
    for (Node b : bodies) {
      switch (b) {
        case Lambda lambda -> { // the lambda is the iteration: no deferral
          calls.scan(lambda.body());
          body.read(lambda.body());
        }
        case MethodReference ref -> calls.scanReferenceAsBody(ref);
        default -> {
          calls.scan(b);
          body.read(b);
        }
      }
    }
    List<Exit> exits = new ArrayList<>(body.exits());
    exits.addAll(extraExits);
    // A call under a condition on state the body itself changes (a batch's size, a "seen" set, a
    // variable set on the first iteration) runs because of earlier iterations: carried.
    Set<Var> changed = body.changed();
    List<CallSite> read = new ArrayList<>();
    for (CallSite call : calls.calls()) {
      boolean carried =
          call.guard().kind() != Guard.Kind.ALWAYS
              && calls.conditionReads(call).stream().anyMatch(changed::contains);
      read.add(carried ? call.withGuard(Guard.carried(call.guard().condition())) : call);
    }
    return Optional.of(
        new LoopReading(
            kind,
            location,
            iterated,
            itemName,
            LoopShapes.knownSize(iterated, methodLocals),
            read,
            body.outerWrites(),
            exits,
            bodies,
            scope,
            body.leavesLoop(),
            calls.uncertain()));
  }

  private static String shorten(String text) {
    String oneLine = WHITESPACE.matcher(text).replaceAll(" ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
