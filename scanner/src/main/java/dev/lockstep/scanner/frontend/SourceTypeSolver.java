package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves the types declared in the files the scan already parsed, by canonical name, so the symbol
 * solver neither needs source roots laid out by package nor parses a file twice, and declarations
 * it hands out point at the scan's own trees (their positions are the ones findings report).
 */
final class SourceTypeSolver implements TypeSolver {
  /**
   * A file not parsed yet, and the types the incremental index says it declares: parsed the first
   * time the solver is asked for one of them (ADR 0016).
   */
  record Unparsed(FrontEnd.Input input, List<String> declared) {}

  private final Map<String, TypeDeclaration<?>> types = new HashMap<>();
  private final Map<String, String> files = new HashMap<>();
  private final Map<String, Unparsed> unparsed = new HashMap<>();

  /** The lazy files by display path, and the trees of those parsed since. */
  private final Map<String, Unparsed> lazyFiles = new HashMap<>();

  private final Map<String, CompilationUnit> parsedFiles = new HashMap<>();
  private final Function<FrontEnd.Input, Optional<CompilationUnit>> parser;
  private TypeSolver parent;
  private final IdentityHashMap<EnumDeclaration, MemoisedEnumDeclaration> enums =
      new IdentityHashMap<>();
  private Reads reads = Reads.none();

  SourceTypeSolver(List<CompilationUnit> units) {
    this(units, List.of(), input -> Optional.empty(), null);
  }

  /**
   * @param lazy files parsed only when a type they declare is asked for
   * @param parser parses one of them (empty when it does not parse)
   * @param declaring which file serves each type name when two declare it (the first of the whole
   *     scan, in order: a round of analysis parses files out of order, ADR 0024); null: the first
   *     registered, {@code units} before {@code lazy}
   */
  SourceTypeSolver(
      List<CompilationUnit> units,
      List<Unparsed> lazy,
      Function<FrontEnd.Input, Optional<CompilationUnit>> parser,
      Map<String, String> declaring) {
    this.parser = parser;
    this.declaring = declaring;
    for (CompilationUnit unit : units) {
      register(unit);
    }
    for (Unparsed u : lazy) {
      lazyFiles.put(u.input().display(), u);
      for (String name : u.declared()) {
        if (serves(name, u.input().display())
            && !types.containsKey(name)
            && unparsed.putIfAbsent(name, u) == null) {
          files.put(name, u.input().display());
        }
      }
    }
  }

  private final Map<String, String> declaring;

  /** Whether {@code file} is the one that serves {@code name}. */
  private boolean serves(String name, String file) {
    return declaring == null || file == null || file.equals(declaring.get(name));
  }

  private void register(CompilationUnit unit) {
    String file = Reads.fileOf(unit).orElse(null);
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      String name = type.getFullyQualifiedName().orElse(null);
      if (name != null
          && serves(name, file)
          && types.putIfAbsent(name, type) == null
          && file != null) {
        files.put(name, file);
      }
    }
  }

  private void forget(Unparsed u) {
    for (String declared : u.declared()) {
      unparsed.remove(declared, u);
    }
  }

  /** The tree of a lazy file that resolution parsed, or null (a lane's next file, ADR 0026). */
  CompilationUnit parsedTree(FrontEnd.Input input) {
    return parsedFiles.get(input.display());
  }

  /**
   * Serves the types of a lazy file from {@code unit}, its tree parsed elsewhere (a lane takes the
   * file to analyse it, ADR 0026): it is not parsed again on demand.
   */
  void adopt(FrontEnd.Input input, CompilationUnit unit) {
    Unparsed u = lazyFiles.get(input.display());
    if (u != null) {
      forget(u);
    }
    parsedFiles.put(input.display(), unit);
    register(unit);
  }

  /** Where the member lookups of the enums this solver hands out are charged. */
  void reads(Reads reads) {
    this.reads = reads;
  }

  /** The canonical names of the types a file declares, nested ones included, in order. */
  static List<String> declaredTypes(CompilationUnit unit) {
    List<String> names = new java.util.ArrayList<>();
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      type.getFullyQualifiedName().ifPresent(names::add);
    }
    return names;
  }

  /** The display path of the file that declares the type this solver serves by that name. */
  String declaringFile(String name) {
    return files.get(name);
  }

  @Override
  public TypeSolver getParent() {
    return parent;
  }

  @Override
  public void setParent(TypeSolver parent) {
    this.parent = parent;
  }

  @Override
  public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveType(String name) {
    TypeDeclaration<?> type = types.get(name);
    if (type == null) {
      Unparsed u = unparsed.get(name);
      if (u == null) {
        return SymbolReference.unsolved();
      }
      forget(u);
      parser
          .apply(u.input())
          .ifPresent(
              unit -> {
                parsedFiles.put(u.input().display(), unit);
                register(unit);
              });
      type = types.get(name);
      if (type == null) {
        return SymbolReference.unsolved();
      }
    }
    if (type instanceof EnumDeclaration e) {
      // Its member lookups are kept (MemoisedEnumDeclaration): JavaParser's are not, and cost.
      return SymbolReference.solved(
          enums.computeIfAbsent(e, d -> new MemoisedEnumDeclaration(d, getRoot(), reads)));
    }
    return SymbolReference.solved(JavaParserFacade.get(getRoot()).getTypeDeclaration(type));
  }

  @Override
  public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(
      String module, String name) {
    return tryToSolveType(name);
  }
}
