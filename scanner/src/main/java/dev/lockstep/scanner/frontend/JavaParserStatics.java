package dev.lockstep.scanner.frontend;

import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typeinference.TypeInferenceCache;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * What JavaParser's symbol solver keeps in static fields about one type solver, dropped when the
 * solver's work is done. {@code TypeInferenceCache} keeps, per type solver, the lambdas it inferred
 * types for (two static {@code HashMap}s that nothing clears): each lambda holds its whole tree,
 * and the tree, through its symbol resolver, every tree of its solver. A scan in rounds (ADR 0024)
 * left every round's trees behind: 3.4 GB live on java.base in rounds of 600 000 lines, against 0.9
 * GB for all its trees at once.
 */
final class JavaParserStatics {
  private JavaParserStatics() {}

  private static final String[] LAMBDA_CACHES = {"typeForLambdaParameters", "inferenceVariables"};

  /**
   * Drops every type solver's facade ({@link JavaParserFacade#clearInstances}) and lambda types:
   * when a scan, or a round of one, ends. Like {@code clearInstances}, for every solver of the JVM.
   */
  static void clear() {
    JavaParserFacade.clearInstances();
    for (String name : LAMBDA_CACHES) {
      try {
        Field field = TypeInferenceCache.class.getDeclaredField(name);
        field.setAccessible(true);
        Map<?, ?> map = (Map<?, ?>) field.get(null);
        map.clear(); // unsynchronized, as JavaParser's own use of it
      } catch (ReflectiveOperationException | RuntimeException e) {
        // A JavaParser that moved the field: the trees stay until the JVM exits (a cost, not an
        // error). ScanMemoryTest fails when that happens.
      }
    }
  }

  /** How many type solvers the static lambda caches hold (for tests). */
  static int lambdaCacheSolvers() {
    int n = 0;
    for (String name : LAMBDA_CACHES) {
      try {
        Field field = TypeInferenceCache.class.getDeclaredField(name);
        field.setAccessible(true);
        n += ((Map<?, ?>) field.get(null)).size();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("JavaParser's TypeInferenceCache changed", e);
      }
    }
    return n;
  }
}
