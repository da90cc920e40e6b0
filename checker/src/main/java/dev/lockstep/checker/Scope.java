package dev.lockstep.checker;

import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scope {@link FixReader} reads a loop body in: its locals and its item variables.
 *
 * <p>{@code declared} maps every local declared inside the scope to its initialiser (null when it
 * has none); {@code items} are the loop's item variables. The readings in {@code analysis} use
 * {@code BodyScope}, its twin over the lowered body.
 */
final class Scope {
  final Map<VarSymbol, ExpressionTree> declared = new HashMap<>();
  final Set<VarSymbol> items = new HashSet<>();

  boolean isDeclared(Symbol symbol) {
    return symbol instanceof VarSymbol v && declared.containsKey(v);
  }
}
