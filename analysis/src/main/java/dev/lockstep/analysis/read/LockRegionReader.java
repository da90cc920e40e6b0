package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Synchronized;
import dev.lockstep.analysis.body.Node.Try;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.summary.LambdaPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link LockRegion}s of a method or task body: {@code synchronized} methods and blocks, {@code
 * Lock} and {@code Semaphore} regions (also a timed {@code tryLock}), a wait on an executor of
 * known size, and the locks taken in a lambda that runs before the call it is passed to returns. It
 * only reports what the body says: whether a lock is shared by the tasks, and whether it serializes
 * them, is the analysis' judgement.
 */
@SuppressWarnings("ReferenceEquality") // nodes and variables are compared by identity on purpose
public final class LockRegionReader {
  private final Values values;
  private final LockCallReader lockCalls;
  private final Windows windows;

  public LockRegionReader(Values values) {
    this.values = values;
    this.lockCalls = new LockCallReader(values);
    this.windows = new Windows(values, lockCalls);
  }

  public Values values() {
    return values;
  }

  public Windows windows() {
    return windows;
  }

  /**
   * The lock regions of a method body, relative to the method.
   *
   * @param at where the method is declared (a synchronized method's region)
   * @param isSynchronized whether the method is synchronized: its whole body holds the monitor
   */
  public List<LockRegion> methodRegions(
      Node body,
      MethodRef method,
      Location at,
      boolean isSynchronized,
      boolean isStatic,
      BodyScope scope) {
    List<LockRegion> regions = new ArrayList<>();
    Set<Node> lazy = lazyInit(body);
    if (isSynchronized) {
      regions.add(
          new LockRegion(
              LockRegion.Kind.MONITOR,
              isStatic ? method.simpleOwner() + ".class" : "this",
              isStatic ? Receiver.none() : Receiver.of(ReceiverKind.THIS, "this", method.owner()),
              isStatic,
              1,
              at,
              method,
              calls(List.of(body), scope),
              allLazy(List.of(body), lazy)));
    }
    regions.addAll(regionsIn(body, body, scope, method, lazy));
    return regions;
  }

  /** The regions in a helper's body, read in a task's scope ({@link HelperBodyReader}). */
  public List<LockRegion> regionsIn(Node root, Node methodBody, BodyScope scope, MethodRef holder) {
    return regionsIn(root, methodBody, scope, holder, lazyInit(root));
  }

  /**
   * The regions in {@code root} (a method body or a task's body), not inside classes nested in it
   * nor in lambdas that run elsewhere, or later.
   *
   * @param methodBody the body of the method around {@code root}, where its locals get values
   * @param lazy the nodes that run only while a field is still null ({@link #lazyInit})
   */
  public List<LockRegion> regionsIn(
      Node root, Node methodBody, BodyScope scope, MethodRef holder, Set<Node> lazy) {
    List<LockRegion> regions = new ArrayList<>();
    // Lambdas passed to a call, with the method they are passed to.
    IdentityHashMap<Node, MethodRef> consumers = new IdentityHashMap<>();
    new Object() {
      void scan(Node node) {
        if (node == null) {
          return;
        }
        switch (node) {
          case ClassBody c -> {
            return;
          }
          case Lambda l -> {
            // A lambda the call it is passed to runs before returning (retry(() -> ...),
            // forEach, Optional.map) holds its locks in this body; a deferred or stored one holds
            // them elsewhere, later.
            MethodRef consumer = consumers.get(l);
            if (consumer == null || !LambdaPolicy.runsSynchronously(consumer)) {
              return;
            }
          }
          case Synchronized s -> {
            Node lockExpr = Nodes.unwrap(s.lock());
            regions.add(
                new LockRegion(
                    LockRegion.Kind.MONITOR,
                    Values.quote(lockExpr),
                    Receivers.of(lockExpr, scope),
                    Values.isStaticObject(lockExpr),
                    1,
                    s.src().at(),
                    holder,
                    calls(List.of(s.body()), scope),
                    allLazy(List.of(s.body()), lazy)));
          }
          case Block b -> {
            for (int i = 0; i < b.statements().size(); i++) {
              lockRegion(b.statements(), i, scope, holder, lazy, methodBody)
                  .ifPresent(regions::add);
            }
          }
          case If i -> timedTryLock(i, scope, holder, lazy, methodBody).ifPresent(regions::add);
          case Call c -> {
            executorWait(c, scope, holder, methodBody).ifPresent(regions::add);
            Optional<Target> consumer = c.resolve();
            if (consumer.isPresent()) {
              for (Node arg : c.args()) {
                consumers.put(Nodes.unwrap(arg), consumer.orElseThrow().ref());
              }
            }
          }
          default -> {}
        }
        Nodes.children(node).forEach(this::scan);
      }
    }.scan(root);
    return regions;
  }

  /**
   * {@code lock.lock()} (or {@code semaphore.acquire()}) as statement {@code i}, or a guard {@code
   * if (!lock.tryLock(timeout, unit)) return;}: the region runs to the matching {@code
   * unlock()}/{@code release()}, or is the {@code try} block whose {@code finally} releases it, or
   * runs to the end of the block.
   */
  private Optional<LockRegion> lockRegion(
      List<Node> statements,
      int i,
      BodyScope scope,
      MethodRef holder,
      Set<Node> lazy,
      Node methodBody) {
    Node statement = statements.get(i);
    Optional<LockCallReader.Acquire> acquired = Optional.empty();
    if (Nodes.unwrap(statement) instanceof Call call) {
      acquired = lockCalls.acquire(call, false, methodBody);
    } else if (statement instanceof Local stamp
        && stamp.init() != null
        && Nodes.unwrap(stamp.init()) instanceof Call call) {
      acquired = lockCalls.acquire(call, false, methodBody); // long stamp = sl.writeLock();
    } else if (statement instanceof If guard
        && Nodes.unwrap(guard.condition()) instanceof Unary not
        && not.operator().equals("!")
        && Nodes.unwrap(not.operand()) instanceof Call call
        && guard.otherwise() == null
        && exits(guard.then())) {
      acquired = lockCalls.acquire(call, true, methodBody);
    }
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    LockCallReader.Acquire a = acquired.orElseThrow();
    List<Node> body = new ArrayList<>();
    for (int j = i + 1; j < statements.size(); j++) {
      Node s = statements.get(j);
      if (LockCallReader.releases(s, a.lock(), a.lockText())) {
        break;
      }
      if (s instanceof Try t
          && t.finallyBlock() != null
          && lockCalls.releasesAnywhere(t.finallyBlock(), a.lock(), a.lockText())) {
        // try (Connection c = open()) { ... } finally { unlock(); }: the resources are opened
        // (and closed) under the lock too.
        body.addAll(t.resources());
        body.add(t.body());
        break;
      }
      body.add(s);
    }
    return Optional.of(region(a, body, scope, holder, lazy));
  }

  /**
   * {@code if (lock.tryLock(timeout, unit)) { ... }}: the tasks that get the lock within the
   * timeout run the branch one at a time, the others wait for it first. (A {@code tryLock()}
   * without a timeout is no region: a task that finds the lock busy skips the work instead of
   * queueing for it.)
   */
  private Optional<LockRegion> timedTryLock(
      If node, BodyScope scope, MethodRef holder, Set<Node> lazy, Node methodBody) {
    if (!(Nodes.unwrap(node.condition()) instanceof Call call)) {
      return Optional.empty();
    }
    return lockCalls
        .acquire(call, true, methodBody)
        .map(a -> region(a, List.of(node.then()), scope, holder, lazy));
  }

  private LockRegion region(
      LockCallReader.Acquire a,
      List<Node> body,
      BodyScope scope,
      MethodRef holder,
      Set<Node> lazy) {
    return new LockRegion(
        a.kind(),
        Values.quote(a.holder()),
        Receivers.of(a.holder(), scope),
        Values.isStaticObject(a.holder()),
        a.permits(),
        a.call().src().at(),
        holder,
        calls(body, scope),
        allLazy(body, lazy));
  }

  /** Whether a guard's branch leaves the block: ends with return, throw, break or continue. */
  private static boolean exits(Node statement) {
    Node last = statement;
    while (last instanceof Block block && !block.statements().isEmpty()) {
      last = block.statements().get(block.statements().size() - 1);
    }
    return last instanceof Jump jump && jump.kind() != Node.JumpKind.YIELD;
  }

  /**
   * {@code executor.submit(task).get()} (or a future local assigned from {@code submit}) on an
   * executor whose size the source states: the caller waits for one of its threads.
   */
  private Optional<LockRegion> executorWait(
      Call node, BodyScope scope, MethodRef holder, Node methodBody) {
    if (node.receiver() == null || !(node.name().equals("get") || node.name().equals("join"))) {
      return Optional.empty();
    }
    Node future = Nodes.unwrap(node.receiver());
    Var v = Nodes.var(future);
    if (v != null && !v.isField()) {
      Node init = scope.declared.get(v);
      future = init == null ? null : Nodes.unwrap(init);
    }
    if (!(future instanceof Call submit)
        || submit.receiver() == null
        || !submit.name().equals("submit")
        || submit.resolve().isEmpty()
        || !submit.resolve().orElseThrow().owner().isA(PipelineCalls.EXECUTOR)) {
      return Optional.empty();
    }
    Node executor = Nodes.unwrap(submit.receiver());
    Optional<Windows.Window> window = windows.executorWindow(executor, methodBody);
    if (window.isEmpty()
        || window.orElseThrow().source() != Pipeline.WindowSource.CONSTANT
        || Nodes.var(executor) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new LockRegion(
            LockRegion.Kind.EXECUTOR,
            Values.quote(executor),
            Receivers.of(executor, scope),
            Values.isStaticObject(executor),
            window.orElseThrow().k().getAsInt(),
            node.src().at(),
            holder,
            calls(List.of(node), scope),
            false));
  }

  private static List<CallSite> calls(List<Node> nodes, BodyScope scope) {
    CallReader reader = CallReader.of(scope);
    nodes.forEach(reader::scan);
    return reader.calls();
  }

  /**
   * The nodes that run only while a field is still null: the branch of {@code if (field == null)}
   * that assigns {@code field} (lazy or double-checked initialisation).
   */
  public static Set<Node> lazyInit(Node root) {
    Set<Node> lazy = Collections.newSetFromMap(new IdentityHashMap<>());
    Nodes.any(
        root,
        n -> {
          if (n instanceof If i) {
            Var field = nullCheckedField(i.condition());
            if (field != null && assigns(i.then(), field)) {
              Nodes.any(
                  i.then(),
                  m -> {
                    lazy.add(m);
                    return false;
                  });
            }
          }
          return false;
        });
    return lazy;
  }

  private static Var nullCheckedField(Node condition) {
    if (!(Nodes.unwrap(condition) instanceof Binary test) || !test.operator().equals("==")) {
      return null;
    }
    Node other;
    if (isNull(test.left())) {
      other = test.right();
    } else if (isNull(test.right())) {
      other = test.left();
    } else {
      return null;
    }
    Var v = Nodes.var(other);
    return v != null && v.isField() ? v : null;
  }

  private static boolean isNull(Node node) {
    return Nodes.unwrap(node) instanceof Literal l && l.value() == null;
  }

  private static boolean assigns(Node node, Var field) {
    return Nodes.any(node, n -> n instanceof Assign a && Nodes.var(a.target()) == field);
  }

  /** Whether every call in the region (outside nested lambdas) sits in a lazy-init branch. */
  private static boolean allLazy(List<Node> region, Set<Node> lazy) {
    if (lazy.isEmpty()) {
      return false;
    }
    List<Node> calls = new ArrayList<>();
    region.forEach(n -> callsOutsideLambdas(n, calls));
    return !calls.isEmpty() && calls.stream().allMatch(lazy::contains);
  }

  private static void callsOutsideLambdas(Node node, List<Node> out) {
    if (node == null || node instanceof Lambda || node instanceof ClassBody) {
      return;
    }
    if (node instanceof Call) {
      out.add(node);
    }
    Nodes.children(node).forEach(child -> callsOutsideLambdas(child, out));
  }
}
