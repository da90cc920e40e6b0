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
  private TypeSolver parent;

  SourceTypeSolver(List<CompilationUnit> units) {
    for (CompilationUnit unit : units) {
      for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
        type.getFullyQualifiedName().ifPresent(name -> types.putIfAbsent(name, type));
      }
    }
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
