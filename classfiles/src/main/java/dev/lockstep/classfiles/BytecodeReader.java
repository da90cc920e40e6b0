package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.GeneratedStubs;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Reads one method's facts off its bytecode: the calls it makes (target, the owners the catalogue
 * may know it by, receiver, line, guard), and the monitors it holds ({@code synchronized}, {@code
 * monitorenter}). What it reads is what the code does; what counts as a wait in a library is {@link
 * LibraryWaits}' to decide.
 */
final class BytecodeReader {
  /** A body as read: its facts, and for each call the instruction it is, for the wait rules. */
  record Body(MethodFacts facts, List<Integer> callInstructions, MethodFlow flow) {
    Body {
      requireNonNull(facts, "facts");
      callInstructions = List.copyOf(callInstructions);
      requireNonNull(flow, "flow");
    }
  }

  private final ClassIndex classes;

  BytecodeReader(ClassIndex classes) {
    this.classes = requireNonNull(classes, "classes");
  }

  /** The method's body, or empty when it has none (abstract, native) or ASM cannot analyse it. */
  Optional<Body> read(ClassIndex.Read cls, MethodNode method, MethodRef ref) {
    if (method.instructions.size() == 0) {
      return Optional.empty();
    }
    MethodFlow flow;
    try {
      flow = MethodFlow.of(cls.node().name, method);
    } catch (AnalyzerException | RuntimeException e) {
      return Optional.empty(); // bytecode the analysis cannot follow: judged like a missing body
    }
    StackValues values = new StackValues(flow, this::target);
    boolean[] always = flow.onEveryPathToAnExit();
    List<CallSite> calls = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < flow.instructions().size(); i++) {
      if (flow.instructions().get(i) instanceof MethodInsnNode call && flow.frames[i] != null) {
        calls.add(callSite(call, i, flow, values, guard(flow, i, always), cls.container()));
        at.add(i);
      }
    }
    Location location = Location.inClassFile(cls.container(), firstLine(flow));
    List<LockRegion> regions = lockRegions(cls, method, ref, flow, values, calls, at, location);
    MethodFacts facts =
        new MethodFacts(ref, location, Marks.NONE, Marks.NONE, calls, regions, List.of(), Set.of());
    return Optional.of(new Body(facts, at, flow));
  }

  /** The method an instruction calls, as the analysis names it: its declaring class's. */
  MethodRef target(MethodInsnNode call) {
    String owner =
        classes
            .resolve(call.owner, call.name, call.desc)
            .map(ClassIndex.Found::owner)
            .orElse(call.owner);
    return new MethodRef(ClassNames.canonical(owner), call.name, ClassNames.paramTypes(call.desc));
  }

  private CallSite callSite(
      MethodInsnNode call,
      int index,
      MethodFlow flow,
      StackValues values,
      Guard guard,
      String container) {
    Optional<ClassIndex.Found> found = classes.resolve(call.owner, call.name, call.desc);
    String declaring = found.map(ClassIndex.Found::owner).orElse(call.owner);
    MethodRef target =
        new MethodRef(ClassNames.canonical(declaring), call.name, ClassNames.paramTypes(call.desc));
    Set<String> owners = new java.util.LinkedHashSet<>(classes.selfAndSupertypes(call.owner));
    owners.add(target.owner());
    // A protobuf-generated BlockingInterface: known by the name the catalogue lists it under.
    GeneratedStubs.knownAs(
            ClassNames.canonical(call.owner),
            call.getOpcode() == Opcodes.INVOKEINTERFACE,
            service -> {
              int nested = call.owner.lastIndexOf('$');
              return nested < 0
                  ? Set.of()
                  : classes.selfAndSupertypes(call.owner.substring(0, nested));
            })
        .ifPresent(owners::add);
    Type[] args = Type.getArgumentTypes(call.desc);
    Receiver receiver;
    if (call.getOpcode() == Opcodes.INVOKESTATIC) {
      receiver = Receiver.none();
    } else if (call.name.equals("<init>")) {
      receiver =
          Receiver.fresh(ClassNames.canonical(call.owner), Optional.empty(), ReceiverKind.FRESH);
    } else {
      receiver =
          values.receiver(values.stack(index, args.length), ClassNames.canonical(call.owner));
    }
    List<Argument> arguments = new ArrayList<>(args.length);
    for (int a = 0; a < args.length; a++) {
      arguments.add(values.argument(values.stack(index, args.length - 1 - a), args[a]));
    }
    int receiverParameter =
        receiver.kind() == ReceiverKind.PARAMETER
            ? values.parameterPassed(values.stack(index, args.length))
            : -1;
    boolean synchronizedTarget =
        found.map(f -> (f.method().access & Opcodes.ACC_SYNCHRONIZED) != 0).orElse(false);
    return new CallSite(
        target,
        owners,
        receiver,
        Location.inClassFile(container, flow.line(index)),
        Marks.NONE,
        Marks.NONE,
        Marks.NONE,
        List.of(),
        false,
        synchronizedTarget,
        guard,
        arguments,
        receiverParameter,
        List.of(),
        LocalResources.isLocal(receiver) ? Argument.LOCAL_URL : Argument.OTHER,
        List.of());
  }

  /**
   * {@link Guard#ALWAYS} for a call on every normal path to a return; else a condition naming the
   * nearest branch above it (bytecode keeps no condition text), or the handler it sits in.
   */
  private static Guard guard(MethodFlow flow, int index, boolean[] always) {
    if (always[index]) {
      return Guard.ALWAYS;
    }
    if (!flow.reachable(index)) {
      return Guard.condition("an exception is caught");
    }
    int branch = flow.nearestBranch(index);
    int line = branch < 0 ? 0 : flow.line(branch);
    return Guard.condition(line > 0 ? "a condition at line " + line : "a condition");
  }

  private static int firstLine(MethodFlow flow) {
    for (int i = 0; i < flow.instructions().size(); i++) {
      int line = flow.line(i);
      if (line > 0) {
        return line;
      }
    }
    return 0;
  }

  /**
   * A {@code synchronized} method holds its receiver's monitor (its class's, when static) across
   * every call; a {@code monitorenter} holds its object's across the calls up to its normal {@code
   * monitorexit} (javac puts the handler's exit after the normal one).
   */
  private static List<LockRegion> lockRegions(
      ClassIndex.Read cls,
      MethodNode method,
      MethodRef ref,
      MethodFlow flow,
      StackValues values,
      List<CallSite> calls,
      List<Integer> at,
      Location location) {
    List<LockRegion> regions = new ArrayList<>();
    boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
    if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      String owner = ClassNames.canonical(cls.node().name);
      regions.add(
          new LockRegion(
              LockRegion.Kind.MONITOR,
              isStatic ? owner + ".class" : "this",
              isStatic ? Receiver.none() : Receiver.of(ReceiverKind.THIS, "this", owner),
              isStatic,
              1,
              location,
              ref,
              calls,
              false));
    }
    for (int i = 0; i < flow.instructions().size(); i++) {
      AbstractInsnNode insn = flow.instructions().get(i);
      if (insn.getOpcode() != Opcodes.MONITORENTER || flow.frames[i] == null) {
        continue;
      }
      int exit = matchingExit(flow, i);
      List<CallSite> held = new ArrayList<>();
      for (int c = 0; c < calls.size(); c++) {
        if (at.get(c) > i && at.get(c) < exit) {
          held.add(calls.get(c));
        }
      }
      SourceValue lock = values.stack(i, 0);
      Receiver holder = values.receiver(lock, "java.lang.Object");
      boolean staticLock = holder.kind() == ReceiverKind.UNKNOWN && isClassLiteral(lock);
      regions.add(
          new LockRegion(
              LockRegion.Kind.MONITOR,
              holder.name().isEmpty() ? "lock" : holder.name(),
              holder,
              staticLock,
              1,
              Location.inClassFile(location.file(), flow.line(i)),
              ref,
              held,
              false));
    }
    return regions;
  }

  private static boolean isClassLiteral(SourceValue value) {
    return value.insns.stream().anyMatch(x -> x.getOpcode() == Opcodes.LDC);
  }

  /** The {@code monitorexit} that closes the {@code monitorenter} at {@code enter} normally. */
  private static int matchingExit(MethodFlow flow, int enter) {
    int depth = 0;
    for (int i = enter + 1; i < flow.instructions().size(); i++) {
      int op = flow.instructions().get(i).getOpcode();
      if (op == Opcodes.MONITORENTER) {
        depth++;
      } else if (op == Opcodes.MONITOREXIT) {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return flow.instructions().size();
  }
}
