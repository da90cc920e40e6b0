package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A serialization point reached from some scope (a method body, or one task of a pipeline): a lock
 * that every caller shares, held across a wait, or a resource declared to serve at most {@link
 * #parallelism()} callers at once. A pipeline's effective parallelism is the smallest of its window
 * and the parallelism of every point its tasks reach ({@code EffectiveParallelismRule}).
 *
 * @param anchor what the lock object is relative to the scope
 * @param identity a key telling points apart (two chains to one lock are one point)
 * @param kind how the point serializes
 * @param parallelism how many callers make progress at once ({@code 1} for a monitor)
 * @param holder how diagnostics name what holds the lock or declares the limit ({@code
 *     RelaySession.publish}, {@code ErpGateway})
 * @param lock the lock expression's text ({@code this}, {@code LOCK}, {@code permits}), or the
 *     declared element's name
 * @param where the region or the declared call
 * @param path the calls from the scope to the method holding the lock, outermost first; empty when
 *     the scope itself holds it
 * @param across the wait the lock is held across, from the region to the wait; empty for a declared
 *     resource whose wait the analysis cannot see
 * @param via the name of the object through which the lock became shared ({@code session}), once
 *     known; empty until then
 */
public record SerialPoint(
    Anchor anchor,
    String identity,
    Kind kind,
    int parallelism,
    String holder,
    String lock,
    Location where,
    List<Hop> path,
    Optional<WaitChain> across,
    String via) {
  /** What the lock object is relative to the scope the point was reached from. */
  public enum Anchor {
    /** The same object for every caller: a static lock, a singleton, a declared static. */
    GLOBAL,
    /**
     * The object the scope's method runs on ({@code this}) or a field of it: shared by the callers
     * exactly when they share that object.
     */
    RECEIVER
  }

  /** How the point serializes. */
  public enum Kind {
    MONITOR,
    LOCK,
    WRITE_LOCK,
    SEMAPHORE,
    /** Work handed to an executor of {@code parallelism} threads and waited on. */
    EXECUTOR,
    /** {@code @SerializedResource} or {@code @ResourceParallelism(n)}. */
    DECLARED,
    /** A library method flagged {@code synchronized} in its class file that waits. */
    LIBRARY_SYNCHRONIZED
  }

  public SerialPoint {
    requireNonNull(anchor, "anchor");
    requireNonNull(identity, "identity");
    requireNonNull(kind, "kind");
    requireNonNull(holder, "holder");
    requireNonNull(lock, "lock");
    requireNonNull(where, "where");
    path = List.copyOf(path);
    requireNonNull(across, "across");
    requireNonNull(via, "via");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
    }
  }

  /** The same point reached through one more call, with the lock now anchored as given. */
  public SerialPoint after(Hop call, Anchor newAnchor, String newVia) {
    List<Hop> hops = new ArrayList<>(path.size() + 1);
    hops.add(call);
    hops.addAll(path);
    return new SerialPoint(
        newAnchor, identity, kind, parallelism, holder, lock, where, hops, across, newVia);
  }

  /** Whether the point came from an annotation rather than from code. */
  public boolean declared() {
    return kind == Kind.DECLARED;
  }
}
