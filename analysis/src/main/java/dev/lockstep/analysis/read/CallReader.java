package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Case;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Conditional;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Switch;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Dispatch;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Handoff;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the call sites of a scope, in body order. In a loop body ({@code loop == true}) calls
 * inside loops nested in the body are marked as such; calls in lambdas record which calls the
 * lambdas were passed to ({@link CallSite#runVia()}). Local and anonymous class bodies are skipped:
 * their methods have their own facts. So are {@code catch} blocks: they run only when something
 * failed, and their calls (reading the server's error line, closing a broken connection) are not
 * what each item costs.
 *
 * <p>Each call carries the condition it runs under ({@link Guard}, read by {@link Guards}) and what
 * its arguments are ({@link Argument}), so that summaries can tell a wait that runs every time from
 * one that runs only on some path, and a caller's constant argument can rule a path out.
 *
 * <p>A call whose target does not resolve is left out; in a loop body, one whose name {@code
 * mayHideCleanReason} matches (it might pace the loop or share a channel) makes the reading
 * {@linkplain #uncertain() uncertain}.
 */
public final class CallReader {
  private final List<CallSite> calls = new ArrayList<>();
  private final BodyScope scope;
  private final boolean loop;
  private final Predicate<String> mayHideCleanReason;
  private final Deque<MethodRef> via = new ArrayDeque<>();
  private final IdentityHashMap<Node, MethodRef> consumers = new IdentityHashMap<>();
  private final Guards guards;
  private Allocations allocations;
  private ChannelModes channels;
  private final IdentityHashMap<CallSite, Set<Var>> conditionReads = new IdentityHashMap<>();
  private final IdentityHashMap<Var, List<Handoff>> handoffs = new IdentityHashMap<>();
  private int nested;
  private boolean uncertain;

  /**
   * @param loop whether the scope is one iteration of a loop
   * @param mayHideCleanReason for an unresolved call's name: whether it could make a loop fine
   */
  public CallReader(BodyScope scope, boolean loop, Predicate<String> mayHideCleanReason) {
    this.scope = scope;
    this.loop = loop;
    this.mayHideCleanReason = mayHideCleanReason;
    this.guards = new Guards(scope);
  }

  /** A reader for a scope that is not a loop, where unresolved calls change nothing. */
  public static CallReader of(BodyScope scope) {
    return new CallReader(scope, false, name -> false);
  }

  /** The calls of {@code node}; a shortcut for one scan. */
  public static List<CallSite> calls(Node node, BodyScope scope) {
    CallReader reader = of(scope);
    reader.channels(new ChannelModes(node, null));
    reader.scan(node);
    return reader.calls();
  }

  public List<CallSite> calls() {
    return calls;
  }

  /** The variables the conditions around {@code call} read; empty when it runs unconditionally. */
  public Set<Var> conditionReads(CallSite call) {
    return conditionReads.getOrDefault(call, Set.of());
  }

  /** Whether an unresolved call in the loop body might have made the loop fine. */
  public boolean uncertain() {
    return uncertain;
  }

  public void scan(Node node) {
    if (node == null) {
      return;
    }
    switch (node) {
      case Call call -> call(call);
      case New created -> created(created);
      case Lambda lambda -> inLambda(lambda, () -> scan(lambda.body()));
      case MethodReference ref -> {
        inLambda(ref, () -> referenced(ref));
        scan(ref.qualifier());
      }
      case ClassBody c -> {}
      case Catch c -> {}
      case If branch -> {
        scan(branch.condition());
        branched(branch.condition(), branch.then(), branch.otherwise());
      }
      case Conditional branch -> {
        scan(branch.condition());
        branched(branch.condition(), branch.then(), branch.otherwise());
      }
      case Binary b -> {
        scan(b.left());
        boolean shortCircuit = b.operator().equals("&&") || b.operator().equals("||");
        if (shortCircuit) {
          guards.push(b.left(), b.operator().equals("&&"));
        }
        try {
          scan(b.right());
        } finally {
          if (shortCircuit) {
            guards.pop();
          }
        }
      }
      case Block block -> block(block);
      case Switch s -> {
        scan(s.selector());
        for (Case c : s.cases()) {
          c.labels().forEach(this::scan);
          guards.pushCase(s.selector(), c.labels());
          try {
            c.body().forEach(this::scan);
          } finally {
            guards.pop();
          }
        }
      }
      case Loop l -> {
        if (l.kind() == Node.LoopKind.FOR_EACH) {
          scan(l.iterable()); // evaluated once per outer iteration
          nested(loop, () -> scan(l.body()));
        } else {
          nested(loop, () -> children(l));
        }
      }
      default -> children(node);
    }
  }

  /** A method reference that is itself a loop's body ({@code items.forEach(this::send)}). */
  public void scanReferenceAsBody(MethodReference ref) {
    referenced(ref);
    scan(ref.qualifier());
  }

  private void branched(Node condition, Node then, Node otherwise) {
    guards.push(condition, true);
    try {
      scan(then);
    } finally {
      guards.pop();
    }
    if (otherwise != null) {
      guards.push(condition, false);
      try {
        scan(otherwise);
      } finally {
        guards.pop();
      }
    }
  }

  /**
   * A block's statements; after an {@code if} one of whose branches always leaves the block ({@code
   * if (cached != null) return cached;}), the rest runs only on the other branch's condition.
   */
  private void block(Block block) {
    int depth = guards.depth();
    try {
      for (Node statement : block.statements()) {
        scan(statement);
        // A branch that only throws is a precondition, and so is a "nothing to do" exit on an
        // empty or null parameter: what follows is not conditional.
        if (Nodes.unwrap(statement) instanceof If i) {
          if (Guards.exits(i.then())
              && !Guards.throwsOnly(i.then())
              && !guards.nothingToDo(i)
              && (i.otherwise() == null || !Guards.exits(i.otherwise()))) {
            guards.push(i.condition(), false);
          } else if (i.otherwise() != null
              && Guards.exits(i.otherwise())
              && !Guards.throwsOnly(i.otherwise())) {
            guards.push(i.condition(), true);
          }
        }
      }
    } finally {
      guards.popTo(depth);
    }
  }

  private void children(Node node) {
    for (Node child : Nodes.children(node)) {
      scan(child);
    }
  }

  private void call(Call call) {
    Optional<Target> resolved = call.resolve();
    if (resolved.isPresent()) {
      Node on = call.receiver();
      if (on != null && Nodes.unwrap(on) instanceof TypeName && resolved.orElseThrow().isStatic()) {
        on = null; // Type.staticMethod()
      }
      add(resolved.orElseThrow(), on, call.src().at(), call.args());
      noteLambdaArguments(resolved.orElseThrow(), call.args());
    } else if (!call.name().equals("this") && !call.name().equals("super")) {
      unresolved(call.name());
    }
    scan(call.receiver());
    call.args().forEach(this::scan);
  }

  private void created(New created) {
    Optional<Target> ctor = created.resolve();
    if (ctor.isPresent()) {
      add(ctor.orElseThrow(), null, created.src().at(), created.args());
      noteLambdaArguments(ctor.orElseThrow(), created.args());
    } else {
      unresolved(MethodRef.CONSTRUCTOR);
    }
    scan(created.outer());
    created.args().forEach(this::scan);
    // not the anonymous class body: its methods have their own facts
  }

  private void referenced(MethodReference ref) {
    Optional<Target> resolved = ref.resolve();
    if (resolved.isEmpty()) {
      return;
    }
    Target method = resolved.orElseThrow();
    if (method.isConstructor() || method.isStatic()) {
      add(method, null, ref.src().at(), List.of());
    } else if (ref.typeQualifier()) {
      // Type::instanceMethod: the receiver is the function's argument.
      record(
          new CallSite(
              method.ref(),
              method.matchOwners(),
              Receiver.of(ReceiverKind.UNKNOWN, "", ref.qualifier().src().type().name()),
              ref.src().at(),
              method.methodMarks(),
              method.ownerMarks(),
              Marks.NONE,
              runVia(),
              loop && nested > 0,
              false,
              guards.current(),
              List.of(),
              -1,
              List.of(),
              Argument.OTHER,
              List.of()));
    } else {
      add(method, ref.qualifier(), ref.src().at(), List.of());
    }
  }

  private void add(Target method, Node on, Location at, List<Node> args) {
    Receiver receiver;
    Marks receiverMarks = Marks.NONE;
    if (method.isConstructor()) {
      receiver = Receiver.none();
    } else if (on == null) {
      receiver =
          method.isStatic()
              ? Receiver.none()
              : Receiver.of(ReceiverKind.THIS, "this", method.owner().name());
    } else if (Nodes.unwrap(on) instanceof TypeName name) {
      // An instance method called through a name that only looked like a type when lowered (the
      // scanner binds names from the syntax: an inherited field such as LOG): a field.
      receiver = Receiver.of(ReceiverKind.FIELD, name.src().source(), name.src().type().name());
    } else {
      receiver = Receivers.of(on, scope);
      Var onVar = Nodes.var(on);
      if (onVar != null && onVar.isField()) {
        receiverMarks = onVar.marks();
      }
    }
    Marks targetMarks = method.methodMarks();
    if (on != null && channels != null && method.ref().owner().startsWith("java.nio.channels.")) {
      Var channel = Nodes.var(Nodes.unwrap(on));
      if (channel != null && channels.nonBlocking(channel)) {
        targetMarks = targetMarks.plus(Marks.of(Mark.NON_BLOCKING)); // returns what is there
      }
    }
    record(
        new CallSite(
            method.ref(),
            method.matchOwners(),
            receiver,
            at,
            targetMarks,
            method.ownerMarks(),
            receiverMarks,
            runVia(),
            loop && nested > 0,
            method.isSynchronized(),
            guards.current(),
            args.stream().map(guards::argument).toList(),
            on == null ? -1 : guards.parameterOf(on),
            dispatch(method, on),
            on != null && UrlOrigins.readsUrl(method.ref())
                ? UrlOrigins.of(on, scope)
                : Argument.OTHER,
            on == null ? List.of() : handedTo(on)));
    noteHandoffs(method, on, args);
  }

  /** The calls a local made with {@code new} in the scope was passed to so far. */
  private List<Handoff> handedTo(Node on) {
    Var v = Nodes.var(on);
    return v == null ? List.of() : handoffs.getOrDefault(v, List.of());
  }

  /** Records the locals made with {@code new} that this call is handed. */
  private void noteHandoffs(Target method, Node on, List<Node> args) {
    for (int i = 0; i < args.size(); i++) {
      Var v = Nodes.var(args.get(i));
      if (v != null
          && !v.isField()
          && Nodes.unwrap(args.get(i)) instanceof Name
          && scope.declared.get(v) instanceof New) {
        List<MethodRef> runs = dispatch(method, on).stream().map(Dispatch::runs).toList();
        handoffs
            .computeIfAbsent(v, k -> new ArrayList<>())
            .add(new Handoff(runs.isEmpty() ? List.of(method.ref()) : runs, i));
      }
    }
  }

  /** What a call on {@code on} may run, one per class it is allocated with. */
  private List<Dispatch> dispatch(Target method, Node on) {
    if (on == null || allocations == null || method.isStatic()) {
      return List.of();
    }
    if (Nodes.unwrap(on) instanceof New created) {
      return allocations.dispatch(created, method.ref()).stream().toList();
    }
    Var v = Nodes.var(Nodes.unwrap(on));
    return v == null ? List.of() : allocations.dispatch(v, method.ref());
  }

  /** Tells which channels are non-blocking: their reads and writes are not waits. */
  void channels(ChannelModes modes) {
    this.channels = modes;
  }

  /** Reads the classes receivers are allocated with, for {@link CallSite#dispatch()}. */
  void allocations(Allocations allocations) {
    this.allocations = allocations;
  }

  private void record(CallSite call) {
    calls.add(call);
    if (call.guard().kind() != Guard.Kind.ALWAYS) {
      conditionReads.put(call, guards.readByConditions());
    }
  }

  private void unresolved(String name) {
    if (!uncertain && loop && nested == 0 && via.isEmpty() && mayHideCleanReason.test(name)) {
      uncertain = true;
    }
  }

  private List<MethodRef> runVia() {
    List<MethodRef> list = new ArrayList<>(via);
    Collections.reverse(list); // the deque holds the innermost first
    return list;
  }

  private void noteLambdaArguments(Target method, List<Node> args) {
    for (Node arg : args) {
      Node a = Nodes.unwrap(arg);
      if (a instanceof Lambda || a instanceof MethodReference) {
        consumers.put(a, method.ref());
      }
    }
  }

  private void inLambda(Node lambda, Runnable body) {
    MethodRef consumer = consumers.getOrDefault(lambda, CallSite.STORED);
    via.push(consumer);
    try {
      nested(loop && LoopShapes.isLoopConsumer(consumer), body);
    } finally {
      via.pop();
    }
  }

  private void nested(boolean counts, Runnable body) {
    nested += counts ? 1 : 0;
    try {
      body.run();
    } finally {
      nested -= counts ? 1 : 0;
    }
  }
}
