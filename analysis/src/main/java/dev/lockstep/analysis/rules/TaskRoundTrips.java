package dev.lockstep.analysis.rules;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.List;

/**
 * The round trips a task makes every time it runs: a {@code latency} or {@code channel} wait, or an
 * await of the reply of a round trip the task started ({@link WaitChain#reply()}: {@code
 * client.sendAsync(request, handler).join()}), directly or through its calls, on no condition.
 * Pauses, locks and awaits of other work (a task handed to a pool) are not round trips; a task that
 * waits only on some path is not counted (precision before recall).
 */
final class TaskRoundTrips {
  private TaskRoundTrips() {}

  static List<WaitChain> of(Summaries summaries, List<CallSite> taskCalls) {
    List<WaitChain> chains = new ArrayList<>();
    for (CallSite call : taskCalls) {
      if (!call.runVia().isEmpty() || call.guard().kind() != Guard.Kind.ALWAYS) {
        continue;
      }
      summaries
          .evaluate(call)
          .waitChain()
          .filter(WaitChain::roundTrip)
          .filter(c -> !c.conditional())
          .ifPresent(chains::add);
    }
    return chains;
  }
}
