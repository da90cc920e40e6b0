package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import dev.lockstep.analysis.config.LockstepConfig;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan leaves nothing behind in the JVM: JavaParser's static facade cache held every scan's type
 * solver, and with it every tree (found by the fuzzer: 1 GB gone after 200 scans in one JVM).
 */
final class ScanMemoryTest {
  @TempDir Path dir;

  @Test
  void aScanLeavesNoTypeSolverInJavaParsersStaticCache() throws Exception {
    Path file = dir.resolve("test/A.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package test;
        import java.util.List;
        class A {
          void all(List<String> ids) {
            for (String id : ids) {
              id.length();
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    FrontEnd.Result result =
        FrontEnd.scan(
            List.of(new FrontEnd.Input(file, "test/A.java")),
            new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1));
    assertThat(result.stats().resolutions()).isGreaterThan(0);
    assertThat(facades()).isEmpty();
  }

  @Test
  void aScanLeavesNoLambdaTypesInJavaParsersStaticCache() throws Exception {
    // What JavaParser's type inference records, per type solver, in two static maps it never
    // clears: a lambda, and through it its whole tree. (Recorded here by hand: which scans make
    // JavaParser infer lambda types depends on which solver serves an interface.)
    com.github.javaparser.ast.expr.LambdaExpr lambda =
        com.github.javaparser.StaticJavaParser.parseExpression("s -> s.length()").asLambdaExpr();
    com.github.javaparser.symbolsolver.resolution.typeinference.TypeInferenceCache.addRecord(
        new com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver(),
        lambda,
        "s",
        com.github.javaparser.resolution.types.ResolvedPrimitiveType.INT);
    assertThat(JavaParserStatics.lambdaCacheSolvers()).isGreaterThan(0);
    Path file = dir.resolve("test/B.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package test;\nclass B {}\n", StandardCharsets.UTF_8);
    FrontEnd.scan(
        List.of(new FrontEnd.Input(file, "test/B.java")),
        new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1));
    assertThat(JavaParserStatics.lambdaCacheSolvers()).isEqualTo(0);
  }

  /**
   * ADR 0026: lanes of analysis share JavaParser's static caches, so a lane's round that ends drops
   * its own solver's facade and lambda types and leaves the other lane's.
   */
  @Test
  void aLaneForgetsItsOwnSolverOnly() throws Exception {
    assertThat(JavaParserStatics.shareable()).isTrue();
    var mine = new com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver();
    var theirs = new com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver();
    var inner =
        new com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver();
    mine.add(inner); // keyed by a solver whose root is mine
    int before = JavaParserStatics.lambdaCacheSolvers();
    com.github.javaparser.ast.expr.LambdaExpr lambda =
        com.github.javaparser.StaticJavaParser.parseExpression("s -> s.length()").asLambdaExpr();
    for (com.github.javaparser.resolution.TypeSolver solver :
        List.<com.github.javaparser.resolution.TypeSolver>of(inner, theirs)) {
      com.github.javaparser.symbolsolver.resolution.typeinference.TypeInferenceCache.addRecord(
          solver, lambda, "s", com.github.javaparser.resolution.types.ResolvedPrimitiveType.INT);
    }
    JavaParserFacade.get(mine);
    JavaParserFacade.get(theirs);
    try {
      assertThat(JavaParserStatics.lambdaCacheSolvers()).isEqualTo(before + 2);
      assertThat(facades().keySet()).containsAtLeast(mine, theirs);
      JavaParserStatics.forget(mine);
      assertThat(JavaParserStatics.lambdaCacheSolvers()).isEqualTo(before + 1);
      assertThat(facades().keySet()).doesNotContain(mine);
      assertThat(facades().keySet()).contains(theirs);
    } finally {
      JavaParserStatics.clear();
    }
  }

  /** JavaParser's own cache of facades by type solver (private: read by reflection). */
  private static Map<?, ?> facades() throws ReflectiveOperationException {
    Field instances = JavaParserFacade.class.getDeclaredField("instances");
    instances.setAccessible(true);
    return (Map<?, ?>) instances.get(null);
  }
}
