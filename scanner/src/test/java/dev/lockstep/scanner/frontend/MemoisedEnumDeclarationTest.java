package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.javaparsermodel.declarations.JavaParserEnumDeclaration;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enums {@link SourceTypeSolver} hands out keep their member lookups, and a lookup that static
 * imports lead back to itself fails at once, as JavaParser's would after overflowing the stack. The
 * shape is the JDK's {@code keytool.Main}: a class importing its own nested enums with {@code *}.
 */
final class MemoisedEnumDeclarationTest {
  private static final String MAIN =
      """
      package p;

      import static p.Main.Command.*;
      import static p.Main.Option.*;

      import java.util.Arrays;

      class Main {
        enum Command { GENKEY, LIST }
        enum Option { ALIAS }

        void run(char[] pass) {
          java.util.Arrays.fill(pass, ' ');
          Arrays.fill(pass, ' ');
        }
      }
      """;

  private final CompilationUnit unit = new JavaParser().parse(MAIN).getResult().orElseThrow();
  private final SourceTypeSolver sources = new SourceTypeSolver(List.of(unit));
  private final CombinedTypeSolver solver =
      new CombinedTypeSolver(sources, new ReflectionTypeSolver(true));

  MemoisedEnumDeclarationTest() {
    unit.setData(com.github.javaparser.ast.Node.SYMBOL_RESOLVER_KEY, new JavaSymbolSolver(solver));
  }

  @AfterEach
  void dropFacades() {
    JavaParserFacade.clearInstances();
  }

  private MemoisedEnumDeclaration command() {
    return (MemoisedEnumDeclaration)
        sources.tryToSolveType("p.Main.Command").getCorrespondingDeclaration();
  }

  @Test
  void theSolverHandsOutOneMemoisedDeclarationPerEnum() {
    assertThat(sources.tryToSolveType("p.Main.Command").getCorrespondingDeclaration())
        .isSameInstanceAs(command());
    EnumDeclaration node = unit.findFirst(EnumDeclaration.class).orElseThrow();
    JavaParserEnumDeclaration plain = new JavaParserEnumDeclaration(node, solver);
    assertThat(command().equals(plain)).isTrue();
    assertThat(command().hashCode()).isEqualTo(plain.hashCode());
  }

  @Test
  void aConstantIsFoundOnceAndKept() {
    SymbolReference<? extends ResolvedValueDeclaration> first =
        command().solveSymbol("GENKEY", solver);
    assertThat(first.isSolved()).isTrue();
    assertThat(first.getCorrespondingDeclaration().getName()).isEqualTo("GENKEY");
    assertThat(command().solveSymbol("GENKEY", solver)).isSameInstanceAs(first);
  }

  @Test
  void aNameTheStaticImportsLeadBackToFailsAtOnceEveryTime() {
    // Command's file imports Command.* again: JavaParser's search goes round until the stack
    // overflows. Here the second visit of (Command, "Arrays") ends it, with a message saying why.
    StackOverflowError first =
        assertThrows(StackOverflowError.class, () -> command().solveSymbol("Arrays", solver));
    assertThat(first).hasMessageThat().contains("back to p.Main.Command");
    StackOverflowError again =
        assertThrows(StackOverflowError.class, () -> command().solveSymbol("Arrays", solver));
    assertThat(again).hasMessageThat().contains("back to p.Main.Command");
  }

  @Test
  void aCallInSuchAFileResolves() {
    List<MethodCallExpr> calls = unit.findAll(MethodCallExpr.class);
    // JavaParser looks 'java' up as a value first, through the static imports. Round the cycle
    // until the stack overflowed, its fallback (the name as a package) then failed too, and the
    // call did not resolve (9 s here). The lookup now fails at once and the fallback finds it.
    assertThat(JavaParserFacade.get(solver).solve(calls.get(0)).isSolved()).isTrue();
    assertThat(JavaParserFacade.get(solver).solve(calls.get(1)).isSolved()).isTrue();
  }
}
