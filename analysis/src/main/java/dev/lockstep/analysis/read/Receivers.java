package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.ArrayAccess;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an expression is relative to a scope ({@link ReceiverKind}): the item of this iteration,
 * something created in it, or something every iteration shares. Locals declared in the scope take
 * the kind of their initialiser; a chain of calls takes the kind of the expression it started from
 * as its {@link Receiver#root()}.
 */
public final class Receivers {
  private static final int MAX_DEPTH = 8;

  private Receivers() {}

  /** Classifies what {@code expression} is relative to {@code scope}. */
  public static Receiver of(Node expression, BodyScope scope) {
    return of(expression, scope, 0);
  }

  private static Receiver of(Node expression, BodyScope scope, int depth) {
    Node expr = Nodes.unwrap(expression);
    // Only the outermost receiver's type is kept (inner ones give their kind and origin): the
    // scanner pays a resolution per type asked.
    String typeName = depth == 0 ? expr.src().type().name() : "";
    if (depth > MAX_DEPTH) {
      return Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    }
    return switch (expr) {
      case This t -> Receiver.of(ReceiverKind.THIS, t.isSuper() ? "super" : "this", typeName);
      case TypeName t -> Receiver.of(ReceiverKind.STATIC, "", typeName);
      case Name n -> variable(n.var(), typeName, scope, depth);
      case Select s -> {
        Node base = Nodes.unwrap(s.base());
        if (base instanceof TypeName || base instanceof This) {
          yield Receiver.of(ReceiverKind.FIELD, s.name(), typeName);
        }
        Receiver owner = of(base, scope, depth + 1);
        yield switch (owner.kind()) {
          case LOOP_ITEM, FRESH, UNKNOWN -> owner.named(owner.kind(), s.name(), typeName);
          default -> Receiver.of(ReceiverKind.FIELD, s.name(), typeName);
        };
      }
      case Call call -> call(call, typeName, scope, depth);
      case New created ->
          Receiver.fresh(typeName, created.resolve().map(Target::ref), ReceiverKind.FRESH);
      case ArrayAccess access -> {
        if (scope.iterated != null
            && Nodes.var(access.array()) == scope.iterated
            && Nodes.var(access.index()) == scope.index) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        Receiver array = of(access.array(), scope, depth + 1);
        yield array.named(array.kind(), "", typeName);
      }
      default -> Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    };
  }

  private static Receiver call(Call call, String typeName, BodyScope scope, int depth) {
    Optional<Target> resolved = call.resolve();
    if (resolved.isEmpty()) {
      return Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    }
    Target method = resolved.orElseThrow();
    Node on = call.receiver();
    Var onVar = on == null ? null : Nodes.var(on);
    if (onVar != null
        && onVar == scope.iterator
        && (method.name().equals("next") || method.name().equals("nextElement"))) {
      return Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
    }
    if (onVar != null
        && onVar == scope.iterated
        && method.name().equals("get")
        && call.args().size() == 1
        && Nodes.var(call.args().get(0)) == scope.index) {
      return Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
    }
    ReceiverKind root;
    ReceiverKind producerOn;
    List<MethodRef> producers = new ArrayList<>();
    if (on == null) {
      root = method.isStatic() ? ReceiverKind.STATIC : ReceiverKind.THIS;
      producerOn = root;
    } else {
      Receiver r = of(on, scope, depth + 1);
      root = r.kind() == ReceiverKind.FRESH ? r.root() : r.kind();
      producerOn = r.kind();
      if (r.kind() == ReceiverKind.FRESH) {
        producers.addAll(r.producers());
      }
    }
    producers.add(method.ref());
    return new Receiver(
        ReceiverKind.FRESH, "", typeName, Optional.of(method.ref()), root, producerOn, producers);
  }

  private static Receiver variable(Var v, String typeName, BodyScope scope, int depth) {
    String name = v.name();
    if (scope.items.contains(v)) {
      return Receiver.of(ReceiverKind.LOOP_ITEM, name, typeName);
    }
    if (v.isField()) {
      return Receiver.of(ReceiverKind.FIELD, name, typeName);
    }
    if (scope.declared.containsKey(v)) {
      Node init = scope.declared.get(v);
      if (init == null) {
        return Receiver.of(ReceiverKind.UNKNOWN, name, typeName);
      }
      Receiver r = of(init, scope, depth + 1);
      return r.named(r.kind(), name, typeName);
    }
    if (v.kind() == Var.Kind.PARAMETER) {
      return Receiver.of(ReceiverKind.PARAMETER, name, typeName);
    }
    return Receiver.of(ReceiverKind.LOCAL, name, typeName);
  }
}
