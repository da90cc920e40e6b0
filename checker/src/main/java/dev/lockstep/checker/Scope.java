package dev.lockstep.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scope receivers are classified against: one loop iteration, or one method body.
 *
 * <p>{@code declared} maps every local declared inside the scope to its initialiser (null when it
 * has none); {@code items} are the loop's item variables; {@code iterator} is a {@code while
 * (it.hasNext())} loop's iterator; {@code iterated} and {@code index} are an indexed loop's list or
 * array and counter.
 */
final class Scope {
  /** The file the scope's trees are in: lowering them needs it for positions and source text. */
  final CompilationUnitTree unit;

  final Map<VarSymbol, ExpressionTree> declared = new HashMap<>();
  final Set<VarSymbol> items = new HashSet<>();
  Symbol iterator;
  Symbol iterated;
  Symbol index;

  Scope(CompilationUnitTree unit) {
    this.unit = unit;
  }

  boolean isDeclared(Symbol symbol) {
    return symbol instanceof VarSymbol v && declared.containsKey(v);
  }
}
