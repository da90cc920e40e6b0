package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.Synchronized;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lock regions of one method ({@link LockRegionReader}, as its {@code MethodFacts} carry them)
 * with what {@code LockHeldAcrossWait} needs to know of each lock object beyond the region: whose
 * it is ({@link Owner}), the intent annotations on the field that holds it, whether it is taken
 * with a timed {@code tryLock}, and whether it is taken only on an error path (in a {@code catch}
 * block). What a lock object is relative to the method is read here, once, on the shared
 * representation; whether callers share it is the rule's judgement.
 */
@SuppressWarnings("ReferenceEquality") // nodes and variables are compared by identity on purpose
public final class HeldLocks {
  /** Whose object a lock is, relative to the method that takes it. */
  public enum Owner {
    /** One object for the whole program: a static field, a class literal, a static method's. */
    STATIC,
    /** {@code this}: a {@code synchronized} instance method or {@code synchronized (this)}. */
    THIS,
    /** A field of {@code this} ({@code lock}, {@code this.lock}). */
    OWN_FIELD,
    /**
     * Anything else: a local, a parameter, a field of another object (a connection's own lock), an
     * element of a map by key ({@code locks.get(key)}). Not known to be shared by all callers.
     */
    OTHER
  }

  /**
   * One region with its lock object read.
   *
   * @param region the region as {@link LockRegionReader} read it
   * @param owner whose object the lock is
   * @param lockMarks the intent annotations on the field holding the lock
   *     ({@code @SerializedResource on a lock field: one at a time is the contract})
   * @param timed whether the lock is taken with a timed {@code tryLock}/{@code tryAcquire}: the
   *     code itself expects another holder
   * @param onErrorPath whether the region is inside a {@code catch} block
   * @param key which lock object of the class this is, the same for every method of the class that
   *     takes it: {@code this}, {@code field:lock} (both halves of a {@code ReadWriteLock} field,
   *     also through fields set to {@code rw.readLock()}/{@code rw.writeLock()}, are the {@code
   *     ReadWriteLock}'s), {@code static:LOCK}, {@code class:Foo}; empty for {@link Owner#OTHER}
   * @param doubleChecked whether the lock is taken only after an unlocked test that something is
   *     missing ({@code if (wal == null) synchronized (this) { ... }}, the test often on a local
   *     copy of the field), or inside an {@code if} whose test the locked code repeats and does not
   *     set back (not a busy flag): double-checked creation, after which callers skip the lock
   */
  public record HeldLock(
      LockRegion region,
      Owner owner,
      Marks lockMarks,
      boolean timed,
      boolean onErrorPath,
      String key,
      boolean doubleChecked) {}

  private final Values values;

  public HeldLocks(Values values) {
    this.values = values;
  }

  /**
   * The regions of a method with their locks read.
   *
   * @param body the method's lowered body
   * @param regions the method's regions ({@code MethodFacts.lockRegions()}), read from that body
   */
  public List<HeldLock> read(Node body, List<LockRegion> regions) {
    Map<Location, Node> takenAt = new HashMap<>(); // where a lock is taken -> the lock expression
    Map<Location, Boolean> timedAt = new HashMap<>();
    Set<Location> inCatch = new HashSet<>();
    Set<Location> afterNullTest = new HashSet<>();
    collect(body, false, false, List.of(), takenAt, timedAt, inCatch, afterNullTest);
    List<HeldLock> held = new ArrayList<>();
    for (LockRegion region : regions) {
      Node lock = takenAt.get(region.location());
      Owner owner;
      Marks marks = Marks.NONE;
      String key;
      if (lock == null) {
        // A synchronized method: its own monitor, or its class's when static.
        owner = region.isStatic() ? Owner.STATIC : Owner.THIS;
        key = region.isStatic() ? "class:" + region.holderMethod().simpleOwner() : "this";
      } else {
        Node object = lockObject(lock, body);
        owner = ownerOf(object);
        Var v = Nodes.var(object);
        if (v != null && v.isField()) {
          marks = v.marks();
        }
        key = keyOf(owner, object, region);
      }
      held.add(
          new HeldLock(
              region,
              owner,
              marks,
              timedAt.getOrDefault(region.location(), false),
              inCatch.contains(region.location()),
              key,
              afterNullTest.contains(region.location())));
    }
    return held;
  }

  /**
   * Where each lock is taken (a synchronized block, an acquiring call), which are in catch, and
   * which are double-checked: taken only after an unlocked null test, or inside an {@code if} whose
   * test the locked code repeats ({@code if (!connected()) { synchronized (lock) { if
   * (!connected()) ... } }}, HBase 2.5.3's {@code getKeepAliveMasterService}).
   *
   * @param tests the {@code if}s whose then-branch {@code node} is in, innermost last
   */
  private static void collect(
      Node node,
      boolean caught,
      boolean nullTested,
      List<If> tests,
      Map<Location, Node> takenAt,
      Map<Location, Boolean> timedAt,
      Set<Location> inCatch,
      Set<Location> afterNullTest) {
    if (node == null || node instanceof Node.ClassBody) {
      return;
    }
    boolean inside = caught || node instanceof Catch;
    switch (node) {
      case Synchronized s -> {
        takenAt.put(s.src().at(), s.lock());
        if (inside) {
          inCatch.add(s.src().at());
        }
        if (nullTested || repeatsATest(tests)) {
          afterNullTest.add(s.src().at());
        }
      }
      case Call c -> {
        boolean timed = LockCalls.TIMED_ACQUIRES.contains(c.name());
        if (c.receiver() != null && (timed || LockCalls.ACQUIRES.contains(c.name()))) {
          takenAt.put(c.src().at(), c.receiver());
          timedAt.put(c.src().at(), timed);
          if (inside) {
            inCatch.add(c.src().at());
          }
          if (nullTested || repeatsATest(tests)) {
            afterNullTest.add(c.src().at());
          }
        }
      }
      default -> {}
    }
    if (node instanceof If i) {
      List<If> inThen = new ArrayList<>(tests);
      inThen.add(i);
      boolean nullTest = isNullTest(i.condition());
      collect(i.condition(), inside, nullTested, tests, takenAt, timedAt, inCatch, afterNullTest);
      collect(
          i.then(),
          inside,
          nullTested || nullTest,
          inThen,
          takenAt,
          timedAt,
          inCatch,
          afterNullTest);
      collect(i.otherwise(), inside, nullTested, tests, takenAt, timedAt, inCatch, afterNullTest);
      return;
    }
    for (Node child : Nodes.children(node)) {
      collect(child, inside, nullTested, tests, takenAt, timedAt, inCatch, afterNullTest);
    }
  }

  /**
   * Whether the then-branch of one of {@code tests} (the lock is taken in it) has another {@code
   * if} with the same test: the double-check, the second time under the lock.
   */
  private static boolean repeatsATest(List<If> tests) {
    for (If test : tests) {
      String condition = Values.oneLine(test.condition());
      if (hasTest(test.then(), condition) && !busyFlag(test)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the branch sets a variable of the test and sets it back ({@code if (!rediscovering) {
   * w.lock(); if (!rediscovering) { rediscovering = true; try { ... } finally { rediscovering =
   * false; } } }}, Jedis 3.6.2): a flag that says "someone is at it now", not "done", so the lock
   * is taken again next time. Not a double-check.
   */
  private static boolean busyFlag(If test) {
    Set<Var> tested = new HashSet<>();
    Nodes.any(
        test.condition(),
        n -> {
          Var v = Nodes.var(n);
          if (v != null) {
            tested.add(v);
          }
          return false;
        });
    Map<Var, Integer> writes = new HashMap<>();
    Nodes.any(
        test.then(),
        n -> {
          if (n instanceof Node.Assign a) {
            Var v = Nodes.var(a.target());
            if (v != null && tested.contains(v)) {
              writes.merge(v, 1, Integer::sum);
            }
          }
          return false;
        });
    return writes.values().stream().anyMatch(count -> count >= 2);
  }

  private static boolean hasTest(Node node, String condition) {
    if (node == null || node instanceof Node.ClassBody || node instanceof Node.Lambda) {
      return false;
    }
    if (node instanceof If i && Values.oneLine(i.condition()).equals(condition)) {
      return true;
    }
    for (Node child : Nodes.children(node)) {
      if (hasTest(child, condition)) {
        return true;
      }
    }
    return false;
  }

  /** {@code x == null}, {@code null == x}, or either side of an {@code &&} or {@code ||} so. */
  private static boolean isNullTest(Node condition) {
    Node c = Nodes.unwrap(condition);
    if (c instanceof Binary b) {
      if (b.operator().equals("&&") || b.operator().equals("||")) {
        return isNullTest(b.left()) || isNullTest(b.right());
      }
      return b.operator().equals("==") && (isNull(b.left()) || isNull(b.right()));
    }
    return false;
  }

  private static boolean isNull(Node n) {
    return Nodes.unwrap(n) instanceof Literal l && l.value() == null;
  }

  /** Which lock object of the class this is ({@link HeldLock#key()}). */
  private String keyOf(Owner owner, Node object, LockRegion region) {
    Var v = Nodes.var(object);
    return switch (owner) {
      case THIS -> "this";
      case OWN_FIELD -> v == null ? "" : "field:" + sidesOf(v);
      case STATIC ->
          v != null
              ? "static:" + v.name()
              : object instanceof Select s && s.name().equals("class")
                  ? "class:" + Values.quote(s.base())
                  : "class:" + region.holderMethod().simpleOwner();
      case OTHER -> "";
    };
  }

  /** A field set to {@code rw.readLock()} or {@code rw.writeLock()}: {@code rw}'s name. */
  private String sidesOf(Var field) {
    Node init = values.initializer(field, null);
    if (init != null
        && Nodes.unwrap(init) instanceof Call side
        && side.receiver() != null
        && side.args().isEmpty()
        && LockCalls.SIDES.contains(side.name())) {
      Var rw = Nodes.var(Nodes.unwrap(side.receiver()));
      if (rw != null && rw.isField()) {
        return rw.name();
      }
    }
    return field.name();
  }

  /**
   * The object all holders share: {@code rw} for {@code rw.writeLock()}, the field a local lock was
   * initialised from ({@code Lock l = this.lock;}).
   */
  private Node lockObject(Node lock, Node body) {
    Node object = Nodes.unwrap(lock);
    for (int hops = 0; hops < 3; hops++) {
      if (object instanceof Call side
          && side.receiver() != null
          && side.args().isEmpty()
          && LockCalls.SIDES.contains(side.name())) {
        object = Nodes.unwrap(side.receiver());
        continue;
      }
      Var v = Nodes.var(object);
      if (v != null && v.kind() == Var.Kind.LOCAL) {
        Node init = values.initializer(v, body);
        if (init != null) {
          object = Nodes.unwrap(init);
          continue;
        }
      }
      break;
    }
    return object;
  }

  private static Owner ownerOf(Node object) {
    if (Values.isStaticObject(object)) {
      return Owner.STATIC;
    }
    if (object instanceof This t && !t.isSuper()) {
      return Owner.THIS;
    }
    Var v = Nodes.var(object);
    if (v == null || !v.isField()) {
      return Owner.OTHER;
    }
    if (object instanceof Select select) {
      return Nodes.unwrap(select.base()) instanceof This ? Owner.OWN_FIELD : Owner.OTHER;
    }
    return Owner.OWN_FIELD; // a field named on its own: this object's
  }
}
