package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A region of code that holds a lock, for the serialization-point analysis ({@code
 * FakeConcurrency}). The {@code SerialAwaitInLoop} front end leaves these empty.
 *
 * @param kind what kind of lock
 * @param lock the source text of the lock expression ({@code this}, {@code LOCK}, {@code permits})
 * @param scope whether the lock object is shared by all tasks or one per task/item
 * @param permits for a semaphore, its permits when known ({@code 0} unknown); {@code 1} otherwise
 * @param location where the region starts
 * @param calls the calls made while the lock is held, relative to the method
 */
public record LockRegion(
    Kind kind, String lock, Scope scope, int permits, Location location, List<CallSite> calls) {
  /** What kind of lock a region holds. */
  public enum Kind {
    MONITOR,
    LOCK,
    READ_LOCK,
    WRITE_LOCK,
    SEMAPHORE
  }

  /** Whether tasks share the lock object. */
  public enum Scope {
    SHARED,
    PER_TASK,
    UNKNOWN
  }

  public LockRegion {
    requireNonNull(kind, "kind");
    requireNonNull(lock, "lock");
    requireNonNull(scope, "scope");
    requireNonNull(location, "location");
    calls = List.copyOf(calls);
  }
}
