package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.VarType;
import dev.lockstep.analysis.facts.Location;
import org.junit.jupiter.api.Test;

/** How the scanner parses: what it keeps, drops and skips for speed, and what must not change. */
final class ParsingTest {
  private static CompilationUnit parse(String source) {
    ParseResult<CompilationUnit> result =
        FrontEnd.parseText(new JavaParser(FrontEnd.configuration()), source);
    assertThat(result.getProblems()).isEmpty();
    return result.getResult().orElseThrow();
  }

  private static MethodCallExpr call(CompilationUnit unit, String name) {
    return unit.findAll(MethodCallExpr.class).stream()
        .filter(c -> c.getNameAsString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void languageLevelValidatorsDoNotRun() {
    // javac rejects it; JavaParser's grammar accepts it and only its validators object.
    String privateTopLevel = "private class A {}";
    ParserConfiguration validating =
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25);
    assertThat(new JavaParser(validating).parse(privateTopLevel).isSuccessful()).isFalse();

    parse(privateTopLevel);
  }

  /**
   * A known gap of JavaParser 3.28.2 (javaparser/javaparser#3990): local enums (Java 16) do not
   * parse, so such a file is reported as not analysed (2 of the JDK's 15 224 files). When this
   * starts to fail, JavaParser has fixed it: drop the note in benchmarks/README.md.
   */
  @Test
  void localEnumsDoNotParseYetButLocalRecordsAndInterfacesDo() {
    ParseResult<CompilationUnit> localEnum =
        FrontEnd.parseText(
            new JavaParser(FrontEnd.configuration()),
            "class A {\n  void f() {\n    enum State { ON, OFF }\n  }\n}");
    assertThat(localEnum.isSuccessful()).isFalse();
    assertThat(localEnum.getProblems().getFirst().getVerboseMessage()).contains("line 3");

    parse("class A { void f() { record R(int a) {} interface I { void x(); } } }");
  }

  @Test
  void varStillBecomesVarType() {
    CompilationUnit unit = parse("class A { void f() { var x = 1; } }");

    assertThat(unit.findAll(VarType.class)).hasSize(1);
  }

  @Test
  void yieldStillParses() {
    CompilationUnit unit =
        parse("class A { int f(int k) { return switch (k) { default -> { yield 1; } }; } }");

    assertThat(unit.findAll(YieldStmt.class)).hasSize(1);
  }

  @Test
  void positionsAreKeptAndTokensDropped() {
    CompilationUnit unit = parse("class A {\n  void f() {\n    g();\n  }\n}");
    MethodCallExpr g = call(unit, "g");

    assertThat(g.getBegin().orElseThrow().line).isEqualTo(3);
    assertThat(g.getBegin().orElseThrow().column).isEqualTo(5);
    for (Node n : unit.findAll(Node.class)) {
      assertThat(n.getTokenRange()).isEmpty();
    }
  }

  @Test
  void sourceIsTheTextAsWritten() {
    CompilationUnit unit = parse("class A { void f() { a  /* c */ .b(\t1 ); } }");

    assertThat(Exprs.source(call(unit, "b"))).isEqualTo("a  /* c */ .b(\t1 )");
  }

  @Test
  void sourceSpansLinesWithAnyLineEnding() {
    CompilationUnit unit = parse("class A {\r\n void f() {\r  a\n    .b(); } }");

    assertThat(Exprs.source(call(unit, "b"))).isEqualTo("a\n    .b()");
  }

  @Test
  void callLocationIsTheDotBeforeTheName() {
    CompilationUnit unit = parse("class A {\n  void f() {\n    a // x.\n      .b();\n  }\n}");

    assertThat(JpNames.callLocation(call(unit, "b"))).isEqualTo(new Location("<unknown>", 4, 7));
  }

  @Test
  void callLocationSkipsCommentsHoldingDots() {
    CompilationUnit unit = parse("class A { void f() { a. /* . */ b(); } }");

    assertThat(JpNames.callLocation(call(unit, "b"))).isEqualTo(new Location("<unknown>", 1, 23));
  }

  @Test
  void callLocationIsTheNameWhenUnqualifiedOrWithTypeArguments() {
    CompilationUnit unit = parse("class A { void f() { b(); this.<String>c(); } }");

    assertThat(JpNames.callLocation(call(unit, "b"))).isEqualTo(new Location("<unknown>", 1, 22));
    assertThat(JpNames.callLocation(call(unit, "c"))).isEqualTo(new Location("<unknown>", 1, 40));
  }

  /** ADR 0024: the trees are slimmed after parsing, and say what they said before. */
  @Test
  void slimTreesShareEmptyListsAndKeepPositions() {
    String source = "class A {\n  void f(String s) {\n    s.trim();\n  }\n}\n";
    CompilationUnit unit = parse(source);
    assertThat(SlimTrees.sharesLists()).isTrue();
    MethodCallExpr trim = call(unit, "trim");
    Node receiver = trim.getScope().orElseThrow();
    Node name = receiver.getChildNodes().getFirst(); // the SimpleName of the NameExpr `s`
    // Positions as parsed.
    assertThat(name.getRange()).isEqualTo(receiver.getRange());
    assertThat(trim.getRange().orElseThrow().begin.line).isEqualTo(3);
    assertThat(trim.getRange().orElseThrow().begin.column).isEqualTo(5);
    assertThat(trim.getTokenRange()).isEmpty();
    // Empty lists are shared and refuse to grow; the tree can still be changed structurally.
    assertThat(trim.getOrphanComments()).isEmpty();
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class,
        () -> trim.register(new com.github.javaparser.ast.observer.AstObserverAdapter() {}));
    unit.getClassByName("A").orElseThrow().addMethod("g");
    assertThat(unit.getClassByName("A").orElseThrow().getMethodsByName("g")).hasSize(1);
  }
}
