package dev.lockstep.classfiles;

import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * What a value on a body's operand stack is, traced back through locals and copies to the
 * instructions that made it ({@link org.objectweb.asm.tree.analysis.SourceInterpreter}): {@code
 * this}, a parameter, a field, an object made in the body ({@code new}, a call's result, with the
 * calls that made it), or unknown when paths disagree.
 */
final class StackValues {
  private static final int MAX_DEPTH = 12;

  private final MethodFlow flow;
  private final boolean isStatic;
  private final int[] parameterOfSlot;
  private final Function<MethodInsnNode, MethodRef> targets;

  StackValues(MethodFlow flow, Function<MethodInsnNode, MethodRef> targets) {
    this.flow = flow;
    this.targets = targets;
    this.isStatic = (flow.method.access & Opcodes.ACC_STATIC) != 0;
    Type[] params = Type.getArgumentTypes(flow.method.desc);
    int slots = isStatic ? 0 : 1;
    for (Type p : params) {
      slots += p.getSize();
    }
    parameterOfSlot = new int[slots];
    java.util.Arrays.fill(parameterOfSlot, -1);
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < params.length; i++) {
      parameterOfSlot[slot] = i;
      slot += params[i].getSize();
    }
  }

  /** The value {@code depth} slots below the top of the stack before instruction {@code insn}. */
  SourceValue stack(int insn, int depth) {
    Frame<SourceValue> frame = flow.frames[insn];
    return frame.getStack(frame.getStackSize() - 1 - depth);
  }

  /** What a call's receiver (or any value) is; {@code type} is its static type. */
  Receiver receiver(SourceValue value, String type) {
    return origin(value, type, 0);
  }

  /** The parameter index an argument passes on as it is, or -1. */
  int parameterPassed(SourceValue value) {
    if (value.insns.size() != 1) {
      return -1;
    }
    AbstractInsnNode only = value.insns.iterator().next();
    if (only instanceof VarInsnNode load && isLoad(load.getOpcode())) {
      SourceValue local = flow.frames[flow.index(load)].getLocal(load.var);
      if (local.insns.isEmpty() && load.var < parameterOfSlot.length) {
        return parameterOfSlot[load.var];
      }
    }
    return -1;
  }

  /** A boolean constant argument ({@code load(id, true)}), a passed parameter, or other. */
  Argument argument(SourceValue value, Type type) {
    int parameter = parameterPassed(value);
    if (parameter >= 0) {
      return Argument.parameter(parameter);
    }
    if (type.getSort() == Type.BOOLEAN && value.insns.size() == 1) {
      int op = value.insns.iterator().next().getOpcode();
      if (op == Opcodes.ICONST_0) {
        return Argument.FALSE;
      }
      if (op == Opcodes.ICONST_1) {
        return Argument.TRUE;
      }
    }
    return Argument.OTHER;
  }

  private Receiver origin(SourceValue value, String type, int depth) {
    if (depth > MAX_DEPTH || value.insns.isEmpty()) {
      return Receiver.of(ReceiverKind.UNKNOWN, "", type);
    }
    Receiver agreed = null;
    for (AbstractInsnNode insn : value.insns) {
      Receiver r = made(insn, type, depth);
      if (agreed == null) {
        agreed = r;
      } else if (!agreed.equals(r)) {
        return Receiver.of(ReceiverKind.UNKNOWN, "", type);
      }
    }
    return agreed;
  }

  /** What the instruction that pushed a value (or stored it in a local) made. */
  private Receiver made(AbstractInsnNode insn, String type, int depth) {
    int index = flow.index(insn);
    int op = insn.getOpcode();
    if (insn instanceof VarInsnNode v && isStore(op)) {
      return named(origin(stack(index, 0), type, depth + 1), v.var, index);
    }
    if (insn instanceof VarInsnNode v && isLoad(op)) {
      SourceValue local = flow.frames[index].getLocal(v.var);
      if (local.insns.isEmpty()) {
        if (!isStatic && v.var == 0) {
          return Receiver.of(ReceiverKind.THIS, "this", type);
        }
        if (v.var < parameterOfSlot.length && parameterOfSlot[v.var] >= 0) {
          return Receiver.of(ReceiverKind.PARAMETER, localName(v.var, index), type);
        }
        return Receiver.of(ReceiverKind.UNKNOWN, "", type);
      }
      return origin(local, type, depth + 1);
    }
    if (insn instanceof FieldInsnNode f) {
      return Receiver.of(ReceiverKind.FIELD, f.name, type);
    }
    if (insn instanceof TypeInsnNode t && op == Opcodes.NEW) {
      return Receiver.fresh(ClassNames.canonical(t.desc), Optional.empty(), ReceiverKind.FRESH);
    }
    if (insn instanceof TypeInsnNode && op == Opcodes.CHECKCAST) {
      return origin(stack(index, 0), type, depth + 1);
    }
    if (insn instanceof InsnNode && (op >= Opcodes.DUP && op <= Opcodes.SWAP)) {
      return origin(stack(index, 0), type, depth + 1);
    }
    if (insn instanceof MethodInsnNode call) {
      return produced(call, index, type, depth);
    }
    return Receiver.of(ReceiverKind.UNKNOWN, "", type);
  }

  /** A call's result: fresh, made by that call, on top of the chain its own receiver came from. */
  private Receiver produced(MethodInsnNode call, int index, String type, int depth) {
    MethodRef ref = targets.apply(call);
    Receiver on =
        call.getOpcode() == Opcodes.INVOKESTATIC
            ? Receiver.none()
            : origin(
                stack(index, Type.getArgumentTypes(call.desc).length),
                ClassNames.canonical(call.owner),
                depth + 1);
    List<MethodRef> producers = new ArrayList<>();
    ReceiverKind root = on.kind();
    if (on.kind() == ReceiverKind.FRESH) {
      producers.addAll(on.producers());
      root = on.root();
    }
    producers.add(ref);
    return new Receiver(ReceiverKind.FRESH, "", type, Optional.of(ref), root, on.kind(), producers);
  }

  /** A value stored in a local keeps its origin; a local's name where the class file has it. */
  private Receiver named(Receiver stored, int slot, int index) {
    String name = localName(slot, index);
    return name.isEmpty() ? stored : stored.named(stored.kind(), name, stored.type());
  }

  private String localName(int slot, int index) {
    if (flow.method.localVariables == null) {
      return "";
    }
    Set<String> names = new HashSet<>();
    for (LocalVariableNode local : flow.method.localVariables) {
      if (local.index == slot
          && flow.index(local.start) <= index + 1
          && index < flow.index(local.end)) {
        names.add(local.name);
      }
    }
    return names.size() == 1 ? names.iterator().next() : "";
  }

  private static boolean isLoad(int op) {
    return op >= Opcodes.ILOAD && op <= Opcodes.ALOAD;
  }

  private static boolean isStore(int op) {
    return op >= Opcodes.ISTORE && op <= Opcodes.ASTORE;
  }
}
