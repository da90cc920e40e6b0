package dev.lockstep.checker;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * The overrides, in classes compiled from source, of a method of the sources: what a call of the
 * method may run instead of its own body when the object is of a subclass (ADR 0012: the summaries
 * follow the class an object is allocated with, and the class a body runs as).
 *
 * <p>The classes are taken once, on the first question, from javac's symbol table: with Error
 * Prone's {@code simple} compile policy every class of the compilation, anonymous ones included, is
 * entered by then. Under {@code byfile} an anonymous class of a file not yet attributed is not
 * seen; the summaries reach such a class only through an allocation in that same file, which is
 * then attributed.
 */
final class SourceOverrides {
  private final Symtab symtab;
  private final Types types;
  private Map<Name, List<MethodSymbol>> byName;

  SourceOverrides(Symtab symtab, Types types) {
    this.symtab = symtab;
    this.types = types;
  }

  /**
   * The methods of source classes below {@code owner} (the method's class) that override {@code
   * method}; kept per method, as both pre-tests of a compilation share one instance.
   */
  List<MethodSymbol> of(MethodSymbol method, ClassSymbol owner) {
    List<MethodSymbol> known = byMethod.get(method);
    if (known == null) {
      known = List.copyOf(find(method, owner));
      byMethod.put(method, known);
    }
    return known;
  }

  private final Map<MethodSymbol, List<MethodSymbol>> byMethod = new HashMap<>();

  private List<MethodSymbol> find(MethodSymbol method, ClassSymbol owner) {
    List<MethodSymbol> found = new ArrayList<>();
    for (MethodSymbol candidate : named(method.name)) {
      if (!candidate.equals(method)
          && candidate.owner instanceof ClassSymbol c
          && !c.equals(owner)
          && c.isSubClass(owner, types)
          && candidate.overrides(method, c, types, false)) {
        found.add(candidate);
      }
    }
    return found;
  }

  private List<MethodSymbol> named(Name name) {
    if (byName == null) {
      byName = index();
    }
    return byName.getOrDefault(name, List.of());
  }

  private Map<Name, List<MethodSymbol>> index() {
    Map<Name, List<MethodSymbol>> index = new HashMap<>();
    for (ClassSymbol c : symtab.getAllClasses()) {
      // Only classes read from source; a class file's class is not completed to find out.
      if (c.sourcefile == null
          || c.classfile == null
          || c.classfile.getKind() != JavaFileObject.Kind.SOURCE) {
        continue;
      }
      var members = Trees2.members(c);
      if (members == null) {
        continue;
      }
      for (Symbol member : members.getSymbols(s -> s instanceof MethodSymbol)) {
        MethodSymbol m = (MethodSymbol) member;
        if (!m.isConstructor() && !m.isStatic()) {
          index.computeIfAbsent(m.name, n -> new ArrayList<>()).add(m);
        }
      }
    }
    return index;
  }
}
