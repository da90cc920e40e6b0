package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the types declared in the files the scan already parsed, by canonical name, so the symbol
 * solver neither needs source roots laid out by package nor parses a file twice, and declarations
 * it hands out point at the scan's own trees (their positions are the ones findings report).
 */
final class SourceTypeSolver implements TypeSolver {
  private final Map<String, TypeDeclaration<?>> types = new HashMap<>();
  private final Map<String, String> files = new HashMap<>();
  private TypeSolver parent;

  SourceTypeSolver(List<CompilationUnit> units) {
    for (CompilationUnit unit : units) {
      String file = Reads.fileOf(unit).orElse(null);
      for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
        String name = type.getFullyQualifiedName().orElse(null);
        if (name != null && types.putIfAbsent(name, type) == null && file != null) {
          files.put(name, file);
        }
      }
    }
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
      return SymbolReference.unsolved();
    }
    return SymbolReference.solved(JavaParserFacade.get(getRoot()).getTypeDeclaration(type));
  }

  @Override
  public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(
      String module, String name) {
    return tryToSolveType(name);
  }
}
