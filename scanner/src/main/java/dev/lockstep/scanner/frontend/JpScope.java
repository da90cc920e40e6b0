package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.expr.Expression;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The scope receivers are classified against (one loop iteration, or one method body), as the
 * checker's {@code Scope}: locals declared inside it with their initialisers (null when none), the
 * loop's item variables, an iterator loop's iterator, an indexed loop's list and counter.
 */
final class JpScope {
  final IdentityHashMap<Sym, Expression> declared = new IdentityHashMap<>();
  final Set<Sym> items = Collections.newSetFromMap(new IdentityHashMap<>());
  Sym iterator;
  Sym iterated;
  Sym index;

  boolean isDeclared(Sym symbol) {
    return symbol != null && declared.containsKey(symbol);
  }
}
