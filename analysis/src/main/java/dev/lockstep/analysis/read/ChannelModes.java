package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Which NIO channels are non-blocking: a variable on which {@code configureBlocking(false)} is
 * called — in the body being read (a local) or in any method of the class that declares it (a
 * field). A read or write on such a channel returns at once, with what is there (after a {@code
 * select}): not a round trip.
 */
@SuppressWarnings("ReferenceEquality") // variables compare by identity
final class ChannelModes {
  private final List<Node> bodies = new ArrayList<>();
  private final Declarations declarations;
  private final IdentityHashMap<Var, Boolean> known = new IdentityHashMap<>();

  /**
   * @param body the body being read, where locals are configured
   * @param declarations where a field's class is found; may be null
   */
  ChannelModes(Node body, Declarations declarations) {
    if (body != null) {
      bodies.add(body);
    }
    this.declarations = declarations;
  }

  /** Also look in {@code body} (one more body of a loop). */
  void add(Node body) {
    if (body != null) {
      bodies.add(body);
    }
  }

  boolean nonBlocking(Var channel) {
    Boolean cached = known.get(channel);
    if (cached == null) {
      List<Node> where = new ArrayList<>(bodies);
      if (channel.isField() && declarations != null) {
        where.addAll(declarations.methodBodiesBeside(channel));
      }
      cached = where.stream().anyMatch(b -> configuresNonBlocking(b, channel));
      known.put(channel, cached);
    }
    return cached;
  }

  private static boolean configuresNonBlocking(Node body, Var channel) {
    return Nodes.any(
        body,
        n ->
            n instanceof Call call
                && call.name().equals("configureBlocking")
                && call.args().size() == 1
                && Nodes.unwrap(call.args().get(0)) instanceof Literal l
                && Boolean.FALSE.equals(l.value())
                && call.receiver() != null
                && Nodes.var(Nodes.unwrap(call.receiver())) == channel);
  }
}
