package dev.lockstep.checker;

import com.google.common.collect.Iterators;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Scope;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Options;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The overrides, in classes compiled from source, of a method of the sources: what a call of the
 * method may run instead of its own body when the object is of a subclass (ADR 0012: the summaries
 * follow the class an object is allocated with, and the class a body runs as).
 *
 * <p>The classes are taken once, on the first question ({@link #classesOf}): with Error Prone's
 * {@code simple} compile policy every class of the compilation, anonymous ones included, is entered
 * by then. Under {@code byfile} an anonymous class of a file not yet attributed is not seen; the
 * summaries reach such a class only through an allocation in that same file, which is then
 * attributed.
 */
final class SourceOverrides {
  private final Iterable<ClassSymbol> classes;
  private final Types types;
  private IdentityHashMap<TypeSymbol, List<ClassSymbol>> below;
  private final List<ClassSymbol> incomplete = new ArrayList<>();

  /**
   * @param classes the classes of the compilation ({@link #classesOf}), iterated on the first
   *     question; those not read from source are skipped
   */
  SourceOverrides(Iterable<ClassSymbol> classes, Types types) {
    this.classes = classes;
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

  private final IdentityHashMap<MethodSymbol, List<MethodSymbol>> byMethod =
      new IdentityHashMap<>();

  private List<MethodSymbol> find(MethodSymbol method, ClassSymbol owner) {
    List<MethodSymbol> found = new ArrayList<>();
    for (ClassSymbol c : below(owner)) {
      Scope members = Trees2.members(c);
      if (members == null) {
        continue;
      }
      for (Symbol member : members.getSymbolsByName(method.name)) {
        if (member instanceof MethodSymbol candidate
            && !candidate.isConstructor()
            && !candidate.isStatic()
            && !candidate.equals(method)
            && candidate.overrides(method, c, types, false)) {
          found.add(candidate);
        }
      }
    }
    return found;
  }

  /**
   * The classes read from source that have {@code owner} among their supertypes. Indexed once by
   * every supertype of every such class: asking every method of the sources with a method's name
   * whether its class was a subclass was two thirds of this class's cost on jackson-databind, where
   * hundreds of serializers share each name.
   */
  private List<ClassSymbol> below(ClassSymbol owner) {
    if (below == null) {
      below = index();
    }
    List<ClassSymbol> known = below.getOrDefault(owner, List.of());
    if (incomplete.isEmpty()) {
      return known;
    }
    List<ClassSymbol> all = new ArrayList<>(known);
    for (ClassSymbol c : incomplete) {
      if (!c.equals(owner) && c.isSubClass(owner, types)) {
        all.add(c);
      }
    }
    return all;
  }

  private IdentityHashMap<TypeSymbol, List<ClassSymbol>> index() {
    IdentityHashMap<TypeSymbol, List<ClassSymbol>> index = new IdentityHashMap<>();
    for (ClassSymbol c : classes) {
      // Only classes read from source; a class file's class is not completed to find out. The
      // flag first: most classes come from jars, and a jar entry's kind is found from its name.
      if (c == null
          || (c.flags_field & Flags.FROM_SOURCE) == 0
          || c.sourcefile == null
          || c.classfile == null
          || c.classfile.getKind() != JavaFileObject.Kind.SOURCE) {
        continue;
      }
      try {
        for (Type supertype : types.closure(c.type)) {
          if (!supertype.tsym.equals(c)) {
            index.computeIfAbsent(supertype.tsym, t -> new ArrayList<>()).add(c);
          }
        }
      } catch (CompletionFailure e) {
        incomplete.add(c); // asked one owner at a time, as far as javac can tell
      }
    }
    return index;
  }

  /**
   * The classes of a compilation that may have been read from source. Under the {@code simple}
   * compile policy, the classes javac entered from the sources (its environments, all still there
   * while the checks run: nothing is lowered before every class is analysed); under another, every
   * class of the symbol table, whose thousands of library classes were most of the index's cost.
   */
  static Iterable<ClassSymbol> classesOf(Context context) {
    if ("simple".equals(Options.instance(context).get("compilePolicy"))) {
      Enter enter = Enter.instance(context);
      return () ->
          Iterators.transform(
              enter.getEnvs().iterator(), env -> env.enclClass == null ? null : env.enclClass.sym);
    }
    return Symtab.instance(context).getAllClasses();
  }
}
