package dev.lockstep.scanner.frontend;

import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typeinference.TypeInferenceCache;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        map.clear(); // unsynchronized, as JavaParser's own use of it (until shareable())
      } catch (ReflectiveOperationException | RuntimeException e) {
        // A JavaParser that moved the field: the trees stay until the JVM exits (a cost, not an
        // error). ScanMemoryTest fails when that happens.
      }
    }
  }

  /**
   * Makes JavaParser's static caches safe for lanes of analysis on several threads, each with its
   * own type solver (ADR 0026), once per JVM: the lambda caches become concurrent maps (each
   * solver's own entry is still used by one thread only). The facades' map is already safe ({@link
   * JavaParserFacade#get} is synchronized on the class; {@link #forget} takes the same lock).
   *
   * @return false when JavaParser moved the fields: then the analysis stays on one thread
   */
  static synchronized boolean shareable() {
    try {
      for (String name : LAMBDA_CACHES) {
        Field field = TypeInferenceCache.class.getDeclaredField(name);
        field.setAccessible(true);
        Map<?, ?> map = (Map<?, ?>) field.get(null);
        if (!(map instanceof ConcurrentHashMap)) {
          field.set(null, new ConcurrentHashMap<>(map));
        }
      }
      facades(); // that it is there
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Drops what JavaParser keeps statically about one root type solver (a lane's round that ends,
   * ADR 0026), leaving the other lanes' solvers alone. Only after {@link #shareable}.
   */
  @SuppressWarnings("LockOnNonEnclosingClassLiteral") // JavaParserFacade.get's own lock, on purpose
  static void forget(TypeSolver root) {
    if (root == null) {
      return;
    }
    try {
      Map<?, ?> facades = facades();
      synchronized (JavaParserFacade.class) { // the lock JavaParserFacade.get holds
        facades.remove(root);
      }
      for (String name : LAMBDA_CACHES) {
        Field field = TypeInferenceCache.class.getDeclaredField(name);
        field.setAccessible(true);
        Map<?, ?> map = (Map<?, ?>) field.get(null);
        map.keySet()
            .removeIf(
                solver -> root.equals(solver) || root.equals(((TypeSolver) solver).getRoot()));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // As in clear: the trees stay until the scan's end clears every solver's.
    }
  }

  private static Map<?, ?> facades() throws ReflectiveOperationException {
    Field field = JavaParserFacade.class.getDeclaredField("instances");
    field.setAccessible(true);
    return (Map<?, ?>) field.get(null);
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
