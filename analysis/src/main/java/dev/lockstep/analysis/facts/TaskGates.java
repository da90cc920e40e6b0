package dev.lockstep.analysis.facts;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The semaphore the tasks themselves take, when it is what bounds a pipeline whose executor has no
 * stated size (virtual threads, a cached pool, a size computed at run time): the tightest {@code
 * Semaphore(n)} region that one object shared by all tasks holds in the task's body. The one
 * decision both front ends make, kept here so they cannot drift apart.
 */
public final class TaskGates {
  private TaskGates() {}

  /**
   * The gate, if the window's size is unknown and the task holds a shared semaphore.
   *
   * @param source how the pipeline's window is stated
   * @param regions the lock regions the tasks reach
   * @param taskHolder the method whose body is the task
   */
  public static Optional<LockRegion> taskGate(
      Pipeline.WindowSource source, List<LockRegion> regions, MethodRef taskHolder) {
    if (source != Pipeline.WindowSource.UNBOUNDED
        && source != Pipeline.WindowSource.NON_CONSTANT
        && source != Pipeline.WindowSource.UNKNOWN) {
      return Optional.empty();
    }
    return regions.stream()
        .filter(
            r ->
                r.kind() == LockRegion.Kind.SEMAPHORE
                    && r.permits() > 0
                    && (r.isStatic() || r.holder().kind().isShared())
                    && r.holderMethod().equals(taskHolder))
        .min(Comparator.comparingInt(LockRegion::permits));
  }
}
