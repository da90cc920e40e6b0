package dev.lockstep.classfiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * One method body's control flow and values: ASM's {@link SourceInterpreter} frames (which
 * instructions produced each stack and local value) and the dominator tree of the normal control
 * flow.
 *
 * <p>Only normal edges count for dominance: an exception handler is where a failed call goes, not a
 * path on which the calls of the {@code try} block did not run, just as the source front ends read
 * a {@code try} block as running. A call that dominates every normal return runs whenever the
 * method returns normally; a {@code throw} is no return ({@code if (id == null) throw ...} is a
 * precondition, not a condition on what follows).
 */
final class MethodFlow {
  final MethodNode method;
  final Frame<SourceValue>[] frames;
  private final List<List<Integer>> successors;
  private final int[] idom;
  private final int[] order; // reverse postorder position; -1 when unreachable

  private MethodFlow(
      MethodNode method, Frame<SourceValue>[] frames, List<List<Integer>> successors) {
    this.method = method;
    this.frames = frames;
    this.successors = successors;
    int n = method.instructions.size();
    this.order = new int[n];
    this.idom = new int[n];
    computeDominators(n);
  }

  /** The flow of a method with code; throws when ASM's analysis fails (broken bytecode). */
  static MethodFlow of(String owner, MethodNode method) throws AnalyzerException {
    int n = method.instructions.size();
    List<List<Integer>> successors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      successors.add(new ArrayList<>(2));
    }
    Analyzer<SourceValue> analyzer =
        new Analyzer<>(new SourceInterpreter()) {
          @Override
          protected void newControlFlowEdge(int insn, int successor) {
            List<Integer> out = successors.get(insn);
            if (!out.contains(successor)) { // the analysis visits an instruction more than once
              out.add(successor);
            }
          }
        };
    Frame<SourceValue>[] frames = analyzer.analyze(owner, method);
    return new MethodFlow(method, frames, successors);
  }

  InsnList instructions() {
    return method.instructions;
  }

  int index(AbstractInsnNode insn) {
    return method.instructions.indexOf(insn);
  }

  boolean reachable(int insn) {
    return order[insn] >= 0;
  }

  /** Whether every normal path from the entry to {@code b} goes through {@code a}. */
  boolean dominates(int a, int b) {
    if (!reachable(a) || !reachable(b)) {
      return false;
    }
    for (int x = b; ; x = idom[x]) {
      if (x == a) {
        return true;
      }
      if (x == idom[x]) {
        return false;
      }
    }
  }

  /**
   * The instructions every normal exit goes through: the dominators of the returns' nearest common
   * dominator. With no reachable return (the method always throws), of the {@code throw}s.
   */
  boolean[] onEveryPathToAnExit() {
    int n = method.instructions.size();
    int common = -1;
    for (int exitOpcodesPass = 0; exitOpcodesPass < 2 && common < 0; exitOpcodesPass++) {
      for (int i = 0; i < n; i++) {
        int op = method.instructions.get(i).getOpcode();
        boolean exit =
            exitOpcodesPass == 0
                ? op >= Opcodes.IRETURN && op <= Opcodes.RETURN
                : op == Opcodes.ATHROW;
        if (exit && reachable(i)) {
          common = common < 0 ? i : intersect(common, i);
        }
      }
    }
    boolean[] every = new boolean[n];
    if (common >= 0) {
      for (int x = common; ; x = idom[x]) {
        every[x] = true;
        if (x == idom[x]) {
          break;
        }
      }
    }
    return every;
  }

  /** The nearest instruction above {@code insn} in the dominator tree that branches; or -1. */
  int nearestBranch(int insn) {
    if (!reachable(insn)) {
      return -1;
    }
    for (int x = idom[insn]; ; x = idom[x]) {
      if (successors.get(x).size() > 1) {
        return x;
      }
      if (x == idom[x]) {
        return -1;
      }
    }
  }

  /** The source line of an instruction, from the line number table; 0 when there is none. */
  int line(int insn) {
    for (AbstractInsnNode x = method.instructions.get(insn); x != null; x = x.getPrevious()) {
      if (x instanceof LineNumberNode l) {
        return l.line;
      }
    }
    return 0;
  }

  // Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm", over instructions.
  private void computeDominators(int n) {
    Arrays.fill(order, -1);
    Arrays.fill(idom, -1);
    if (n == 0) {
      return;
    }
    int[] postorder = postorder(n);
    int count = postorder.length;
    int[] rpo = new int[count];
    for (int i = 0; i < count; i++) {
      rpo[i] = postorder[count - 1 - i];
      order[rpo[i]] = i;
    }
    List<List<Integer>> predecessors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      predecessors.add(new ArrayList<>(2));
    }
    for (int i = 0; i < n; i++) {
      if (order[i] >= 0) {
        for (int s : successors.get(i)) {
          predecessors.get(s).add(i);
        }
      }
    }
    idom[0] = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int k = 1; k < count; k++) {
        int b = rpo[k];
        int newIdom = -1;
        for (int p : predecessors.get(b)) {
          if (idom[p] >= 0) {
            newIdom = newIdom < 0 ? p : intersect(p, newIdom);
          }
        }
        if (newIdom >= 0 && idom[b] != newIdom) {
          idom[b] = newIdom;
          changed = true;
        }
      }
    }
  }

  private int intersect(int a, int b) {
    int x = a;
    int y = b;
    while (x != y) {
      while (order[x] > order[y]) {
        x = idom[x];
      }
      while (order[y] > order[x]) {
        y = idom[y];
      }
    }
    return x;
  }

  /** The reachable instructions in postorder of a depth-first walk from the entry. */
  private int[] postorder(int n) {
    int[] out = new int[n];
    int count = 0;
    boolean[] seen = new boolean[n];
    int[] stack = new int[n];
    int[] next = new int[n];
    int top = 0;
    stack[top++] = 0;
    seen[0] = true;
    while (top > 0) {
      int x = stack[top - 1];
      List<Integer> succ = successors.get(x);
      if (next[x] < succ.size()) {
        int s = succ.get(next[x]++);
        if (!seen[s]) {
          seen[s] = true;
          stack[top++] = s;
        }
      } else {
        top--;
        out[count++] = x;
      }
    }
    return Arrays.copyOf(out, count);
  }
}
