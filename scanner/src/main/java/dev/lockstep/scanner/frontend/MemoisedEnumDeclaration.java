package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.javaparsermodel.declarations.JavaParserEnumDeclaration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An enum of the sources whose member lookups ({@link #solveSymbol}) are kept: JavaParser answers
 * one by searching the enum, the types around it and then every type its file imports statically
 * with {@code *}, each of which searches its own file's static imports in turn, with nothing kept.
 * Over the JDK's sources (whose files import each other's constants statically) a single name
 * looked up that way walked thousands of frames deep, and the same walk ran again for every
 * expression that mentioned the name: a fifth of the scan's analysis time on {@code java.base}.
 *
 * <p>When a file imports its own nested enums that way ({@code keytool.Main} imports {@code
 * Command.*} and {@code Option.*}), a name found in neither sends the search round the cycle until
 * the stack overflows: 206 resolutions in that file alone, each thousands of frames deep and
 * failed. A lookup that comes back to itself fails here at once, with a {@link StackOverflowError}
 * (what the solver's callers expect of it), and is remembered as failing. Not quite as before:
 * JavaParser's fallbacks (a qualified name's {@code java} looked up as a value, then as a package)
 * caught the overflow and then ran out of stack themselves; now they have the stack to succeed, so
 * a call such as {@code java.util.Arrays.fill(pass, ' ')} in such a file resolves where it did not.
 *
 * <p>The answer depends only on the trees and the type solver, both fixed for a scan, so keeping it
 * changes no resolution. The lookups the search makes are charged to the file declaring the enum
 * ({@link Reads#chargedToDeclarer}), hit or miss: whoever reuses the answer reached that file
 * through the lookup of the enum itself, and that file's edges say what the answer read.
 *
 * <p>Equal to any JavaParser enum declaration of the same tree (as JavaParser's own are to each
 * other). Not thread-safe: one scan resolves on one thread.
 */
final class MemoisedEnumDeclaration extends JavaParserEnumDeclaration {
  private final Map<String, SymbolReference<? extends ResolvedValueDeclaration>> symbols =
      new HashMap<>();
  private final Set<String> searching = new HashSet<>();
  private final Set<String> endless = new HashSet<>();
  private final Reads reads;

  MemoisedEnumDeclaration(EnumDeclaration node, TypeSolver typeSolver, Reads reads) {
    super(node, typeSolver);
    this.reads = reads;
  }

  @Override
  public SymbolReference<? extends ResolvedValueDeclaration> solveSymbol(
      String name, TypeSolver typeSolver) {
    SymbolReference<? extends ResolvedValueDeclaration> known = symbols.get(name);
    if (known != null) {
      return known;
    }
    if (endless.contains(name) || !searching.add(name)) {
      // The search came back to where it started: JavaParser would go round until the stack
      // overflows. Fail the same way, but now, and at once for every later lookup of the name.
      endless.add(name);
      throw new StackOverflowError(
          "static imports lead the lookup of " + name + " back to " + getQualifiedName());
    }
    SymbolReference<? extends ResolvedValueDeclaration> found;
    try {
      found =
          reads.chargedToDeclarer(getQualifiedName(), () -> super.solveSymbol(name, typeSolver));
    } finally {
      searching.remove(name);
    }
    symbols.put(name, found);
    return found;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof JavaParserEnumDeclaration that
            && getWrappedNode().equals(that.getWrappedNode()));
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
