package dev.lockstep.analysis.facts;

import java.util.List;

/**
 * A call that a value made in the scope is handed to ({@code herder.putConnectorConfig(name, props,
 * false, cb)} for {@code cb = new FutureCallback<>()}): what completes it, if anything does.
 *
 * @param runs the methods the call may run (one per class its receiver is allocated with, else the
 *     resolved method)
 * @param parameter the index of the parameter the value is passed as
 */
public record Handoff(List<MethodRef> runs, int parameter) {
  public Handoff {
    runs = List.copyOf(runs);
  }
}
