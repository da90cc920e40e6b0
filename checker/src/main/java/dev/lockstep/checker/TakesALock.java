package dev.lockstep.checker;

import com.sun.source.tree.Tree;
import dev.lockstep.analysis.facts.LockCalls;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A syntactic test that runs before LockHeldAcrossWait reads a method: whether its body has a
 * {@code synchronized} block or a call named like one that takes a lock ({@code lock()}, {@code
 * acquire()}, a timed {@code tryLock}). Without either the method holds no lock but its own
 * monitor, and most methods are read no further.
 */
final class TakesALock {
  private TakesALock() {}

  /** The names of the calls that take a lock: untimed and timed. */
  private static final Set<String> ACQUIRING =
      Stream.concat(LockCalls.ACQUIRES.stream(), LockCalls.TIMED_ACQUIRES.stream())
          .collect(Collectors.toUnmodifiableSet());

  static boolean anywhereIn(Tree body) {
    return CallsNamed.synchronizedOrOnAReceiverIn(body, ACQUIRING);
  }
}
