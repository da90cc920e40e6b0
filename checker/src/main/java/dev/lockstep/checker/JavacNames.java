package dev.lockstep.checker;

import static com.google.errorprone.util.ASTHelpers.findSuperMethods;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.catalogue.GeneratedStubs;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.MarkAnnotations;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the javac front end spells things for the analysis: methods as {@link MethodRef}, types as
 * canonical names, positions as {@link Location}, annotations as {@link Marks}. Memoised per
 * compilation (one instance per javac {@code Context}).
 */
final class JavacNames {

  private final Types types;
  private final IdentityHashMap<Symbol, Marks> marks = new IdentityHashMap<>();
  private final IdentityHashMap<Symbol, Set<String>> closures = new IdentityHashMap<>();
  private final IdentityHashMap<MethodSymbol, MethodRef> refs = new IdentityHashMap<>();
  private final Map<MethodRef, MethodSymbol> symbols = new HashMap<>();
  // Both asked once per call site: every call of a method shares the answer.
  private final IdentityHashMap<MethodSymbol, List<MethodSymbol>> superMethods =
      new IdentityHashMap<>();
  private final IdentityHashMap<MethodSymbol, Marks> methodMarks = new IdentityHashMap<>();
  private final IdentityHashMap<MethodSymbol, IdentityHashMap<Symbol, Set<String>>> matchOwners =
      new IdentityHashMap<>();

  JavacNames(Types types) {
    this.types = types;
  }

  Types types() {
    return types;
  }

  /** The method's ref; remembers the symbol so the facts source can find its body again. */
  MethodRef ref(MethodSymbol method) {
    MethodRef known = refs.get(method);
    if (known != null) {
      return known;
    }
    List<String> params = new ArrayList<>();
    Type erased = types.erasure(method.type);
    for (Type param : erased.getParameterTypes()) {
      params.add(typeName(param));
    }
    String name = method.isConstructor() ? MethodRef.CONSTRUCTOR : method.name.toString();
    MethodRef ref = new MethodRef(typeName(method.owner.type), name, params);
    refs.put(method, ref);
    symbols.putIfAbsent(ref, method);
    return ref;
  }

  MethodSymbol symbol(MethodRef ref) {
    return symbols.get(ref);
  }

  /** The erased type's canonical name; local and anonymous classes use their binary name. */
  String typeName(Type type) {
    if (type == null) {
      return "";
    }
    Type erased = types.erasure(type);
    if (erased instanceof Type.ArrayType array) {
      return typeName(array.elemtype) + "[]";
    }
    if (erased.isPrimitiveOrVoid()) {
      return erased.toString();
    }
    if (erased.tsym instanceof ClassSymbol cls) {
      if (cls.isDirectlyOrIndirectlyLocal() || cls.getQualifiedName().isEmpty()) {
        return cls.flatName().toString();
      }
      return cls.getQualifiedName().toString();
    }
    return erased.toString();
  }

  /** The type {@code type} as the analysis sees it. */
  JType jtype(Type type) {
    if (type == null) {
      return JType.UNKNOWN;
    }
    return JType.of(typeName(type), closure(type), type instanceof Type.ArrayType);
  }

  /** The type and all its supertypes, by canonical name. */
  Set<String> closure(Type type) {
    if (type == null || type.tsym == null) {
      return Set.of();
    }
    Set<String> known = closures.get(type.tsym);
    if (known != null) {
      return known;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Type t : types.closure(types.erasure(type))) {
      names.add(typeName(t));
    }
    Set<String> frozen = Set.copyOf(names);
    closures.put(type.tsym, frozen);
    return frozen;
  }

  /** Every type the catalogue may know a call by: declaring, overridden and receiver types. */
  Set<String> matchOwners(MethodSymbol method, Type receiverType) {
    Type receiver = receiverType != null ? receiverType : method.owner.type;
    // The closure depends on the receiver's class only (it is erased), so that is the key.
    IdentityHashMap<Symbol, Set<String>> byReceiver =
        matchOwners.computeIfAbsent(method, m -> new IdentityHashMap<>());
    Set<String> known = byReceiver.get(receiver.tsym);
    if (known != null) {
      return known;
    }
    Set<String> owners = new LinkedHashSet<>();
    owners.add(typeName(method.owner.type));
    for (MethodSymbol sup : superMethods(method)) {
      owners.add(typeName(sup.owner.type));
    }
    owners.addAll(closure(receiver));
    // A protobuf-generated BlockingInterface: known by the name the catalogue lists it under.
    GeneratedStubs.knownAs(
            typeName(method.owner.type),
            receiver.tsym != null && receiver.tsym.isInterface(),
            enclosing ->
                method.owner.owner instanceof ClassSymbol service
                    ? closure(service.type)
                    : Set.of())
        .ifPresent(owners::add);
    Set<String> frozen = Set.copyOf(owners);
    if (receiver.tsym != null) {
      byReceiver.put(receiver.tsym, frozen);
    }
    return frozen;
  }

  /** Marks on the method and the methods it overrides. */
  Marks methodMarks(MethodSymbol method) {
    Marks known = methodMarks.get(method);
    if (known != null) {
      return known;
    }
    Marks result = marksOf(method);
    for (MethodSymbol sup : superMethods(method)) {
      result = result.plus(marksOf(sup));
    }
    methodMarks.put(method, result);
    return result;
  }

  /** The methods {@code method} overrides; none for constructors and static methods. */
  private List<MethodSymbol> superMethods(MethodSymbol method) {
    if (method.isConstructor() || method.isStatic()) {
      return List.of();
    }
    List<MethodSymbol> known = superMethods.get(method);
    if (known == null) {
      known = List.copyOf(findSuperMethods(method, types));
      superMethods.put(method, known);
    }
    return known;
  }

  /** Marks on the class and every class enclosing it. */
  Marks typeMarks(Symbol symbol) {
    Marks result = Marks.NONE;
    for (Symbol s = symbol; s != null; s = s.owner) {
      if (s instanceof ClassSymbol) {
        result = result.plus(marksOf(s));
      }
    }
    return result;
  }

  /** The Lockstep and JetBrains intent annotations directly on one symbol. */
  Marks marksOf(Symbol symbol) {
    Marks known = marks.get(symbol);
    if (known != null) {
      return known;
    }
    MarkAnnotations.Collector collector = MarkAnnotations.collector();
    for (Attribute.Compound annotation : symbol.getAnnotationMirrors()) {
      collector.add(annotation.type.tsym.getQualifiedName().toString(), () -> intValue(annotation));
    }
    Marks result = collector.marks();
    marks.put(symbol, result);
    return result;
  }

  /** The {@code value} of an annotation when it is a number, else 0. */
  private static int intValue(Attribute.Compound annotation) {
    for (Map.Entry<MethodSymbol, Attribute> e : annotation.getElementValues().entrySet()) {
      if (e.getKey().name.contentEquals("value") && e.getValue().getValue() instanceof Number n) {
        return n.intValue();
      }
    }
    return 0;
  }

  /** Where a tree is, in its compilation unit. */
  static Location location(CompilationUnitTree unit, Tree tree) {
    int pos = tree instanceof JCTree jc ? jc.getPreferredPosition() : -1;
    return location(unit, pos);
  }

  static Location location(CompilationUnitTree unit, int pos) {
    String file = fileName(unit);
    if (pos < 0) {
      return new Location(file, 0, 0);
    }
    LineMap lines = unit.getLineMap();
    if (lines == null) {
      return new Location(file, 0, 0);
    }
    return new Location(file, (int) lines.getLineNumber(pos), (int) lines.getColumnNumber(pos));
  }

  static String fileName(CompilationUnitTree unit) {
    if (unit == null || unit.getSourceFile() == null) {
      return "<unknown>";
    }
    String name = unit.getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }
}
