package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.LockRegion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The calls that take a {@code Lock} or a {@code Semaphore} permit ({@code lock()}, {@code
 * acquire()}, a timed {@code tryLock}) and the calls that give it back ({@code unlock()}, {@code
 * release()}), by the library model in {@link LockCalls}. {@link LockRegionReader} builds regions
 * from them; {@link Windows} finds the semaphore that gates a pipeline's submissions with them.
 */
@SuppressWarnings("ReferenceEquality") // nodes and variables are compared by identity on purpose
public final class LockCallReader {
  /**
   * What an acquiring call locks: the kind, the object all callers share, and its permits.
   *
   * @param lock the variable holding the lock, null when the lock is no variable ({@code
   *     rw.writeLock()}): then {@code lockText} tells releases apart
   */
  public record Acquire(
      LockRegion.Kind kind, Node holder, int permits, Var lock, String lockText, Call call) {}

  private final Values values;

  public LockCallReader(Values values) {
    this.values = values;
  }

  /**
   * The lock a call takes: {@code lock()}, {@code lockInterruptibly()}, {@code acquire()}, {@code
   * acquireUninterruptibly()}; with {@code timed}, {@code tryLock(timeout, unit)} and {@code
   * tryAcquire(..., timeout, unit)} instead.
   *
   * @param methodBody the body of the method around the call (where its locals get their values)
   */
  public Optional<Acquire> acquire(Call call, boolean timed, Node methodBody) {
    if (call.receiver() == null) {
      return Optional.empty();
    }
    Optional<Target> resolved = call.resolve();
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    Target method = resolved.orElseThrow();
    Optional<LockRegion.Kind> taken =
        LockCalls.acquired(
            method.owner().closure(), method.name(), method.ref().paramTypes().size(), timed);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    List<Node> args = call.args();
    if (timed && !waits(args.get(args.size() - 2))) {
      return Optional.empty(); // tryLock(0, unit): a busy lock is skipped, as by tryLock()
    }
    Node lockExpr = Nodes.unwrap(call.receiver());
    LockRegion.Kind kind = taken.orElseThrow();
    Node holder = lockExpr;
    int permits = 1;
    if (kind == LockRegion.Kind.LOCK) {
      Node origin = lockExpr;
      Var v = Nodes.var(lockExpr);
      if (v != null) {
        Node init = values.initializer(v, methodBody);
        if (init != null) {
          origin = Nodes.unwrap(init);
        }
      }
      String side = sideOf(origin);
      kind = LockCalls.side(side, lockExpr.src().type().closure()).orElse(kind);
      if (!side.isEmpty() && origin == lockExpr) {
        // rw.writeLock().lock(): the object all callers share is the ReadWriteLock.
        holder = ((Call) lockExpr).receiver();
      }
    } else if (kind == LockRegion.Kind.SEMAPHORE) {
      permits = semaphorePermits(lockExpr, methodBody);
    } // else a StampedLock's call names its side itself: the lock object is what all share
    return Optional.of(
        new Acquire(kind, holder, permits, Nodes.var(lockExpr), Values.quote(lockExpr), call));
  }

  /**
   * Whether a timeout may make the caller wait: anything but a constant {@code <= 0} (which makes
   * the timed form return at once, like the untimed one).
   */
  private static boolean waits(Node timeout) {
    Object value = Nodes.unwrap(timeout).src().constant().orElse(null);
    return !(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() > 0;
  }

  /** {@code readLock} or {@code writeLock} for {@code rw.readLock()}, else empty. */
  private static String sideOf(Node expr) {
    if (expr instanceof Call call
        && call.args().isEmpty()
        && call.receiver() != null
        && LockCalls.SIDES.contains(call.name())) {
      return call.name();
    }
    return "";
  }

  /** Whether the statement is {@code lock.unlock()} or {@code lock.release()}. */
  public static boolean releases(Node statement, Var lock, String lockText) {
    return Nodes.unwrap(statement) instanceof Call call && isRelease(call, lock, lockText);
  }

  private static boolean isRelease(Call call, Var lock, String lockText) {
    if (call.receiver() == null || !LockCalls.RELEASES.contains(call.name())) {
      return false;
    }
    Node on = Nodes.unwrap(call.receiver());
    return lock != null ? Nodes.var(on) == lock : Values.oneLine(on).equals(lockText);
  }

  /**
   * Whether {@code node} unlocks or releases the lock anywhere in it (also in the methods of an
   * anonymous class: {@code new Runnable() { ... finally { gate.release(); } }}).
   */
  public boolean releasesAnywhere(Node node, Var lock, String lockText) {
    return values.anyDeep(node, n -> n instanceof Call call && isRelease(call, lock, lockText));
  }

  private int semaphorePermits(Node semaphore, Node methodBody) {
    Node init = semaphore;
    Var v = Nodes.var(semaphore);
    if (v != null) {
      init = values.initializer(v, methodBody);
    }
    if (init != null && Nodes.unwrap(init) instanceof New created && !created.args().isEmpty()) {
      OptionalInt n = Values.intConstant(created.args().get(0));
      if (n.isPresent() && n.getAsInt() > 0) {
        return n.getAsInt();
      }
    }
    return 0;
  }
}
