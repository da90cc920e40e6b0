package dev.lockstep.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class SerialFanOutTest {
  /** A client whose send is an HttpClient round trip (the corpus' fixture). */
  private static final String CLIENT = Corpus.fixture("serialAwait/test/Client.java");

  /** Two services, one round trip each, in their own file. */
  private static final String SERVICES =
      """
      package test;
      class Services {
        private final Client users = new Client();
        private final Client orders = new Client();
        String user(String id) throws Exception { return users.send("u/" + id); }
        String order(String id) throws Exception { return orders.send("o/" + id); }
      }
      """;

  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(SerialFanOut.class, getClass(), name);
  }

  private CompilationTestHelper helper() {
    return CompilationTestHelper.newInstance(SerialFanOut.class, getClass())
        .addSourceLines("test/Client.java", CLIENT)
        .addSourceLines("test/Services.java", SERVICES);
  }

  /** Independent waits in a row: method bodies, a try body, a branch, a non-items loop, helpers. */
  @Test
  void independentWaitsInARow() {
    corpus("fanOutSerial").doTest();
  }

  /**
   * Token then call, one connection or session, write then read, fallbacks, futures already started
   * together, dependencies through a field or a collection, pauses, lambdas, locks.
   */
  @Test
  void waitsThatMayNeedTheirOrder() {
    corpus("fanOutSerialNegatives").expectNoDiagnostics().doTest();
  }

  /**
   * Interface and overridable methods through parameters and call results: implementations in the
   * sources wait, but which one runs is not known (ADR 0012), so nothing is reported — and the test
   * before lowering may skip these methods.
   */
  @Test
  void receiversOfUnknownClass() {
    corpus("fanOutSerialNoClassKnown").expectNoDiagnostics().doTest();
  }

  @Test
  void reportsTheFirstWaitOfTheGroup() {
    helper()
        .addSourceLines(
            "test/Page.java",
            """
            package test;
            class Page {
              private final Services services = new Services();
              String render(String id) throws Exception {
                String title = id.trim();
                // BUG: Diagnostic contains: 2 independent round trips in a row (user at Page.java:7 -> order at Page.java:8)
                String user = services.user(title);
                String order = services.order(title);
                return user + order;
              }
            }
            """)
        .doTest();
  }

  /**
   * A wait counts only when it runs whenever its statement does, down the whole chain: a helper
   * that fetches under a condition on the data, in a {@code switch} case or right of an {@code &&}
   * is a path the call may not take. A test of a boolean parameter that the caller's constant
   * decides is no condition there. The test before lowering skips the same branches (and reads no
   * further than the conditions it keeps), so this pins both.
   */
  @Test
  void waitsUnderAConditionInAHelperDoNotCount() {
    helper()
        .addSourceLines(
            "test/Helpers.java",
            """
            package test;
            class Helpers {
              private final Client users = new Client();
              private final Client orders = new Client();
              String userIf(boolean really, String id) throws Exception {
                if (really) {
                  return users.send("u/" + id);
                }
                return "";
              }
              String orderIf(boolean really, String id) throws Exception {
                return !really ? "" : orders.send("o/" + id);
              }
              String userIfPositive(int n, String id) throws Exception {
                if (n > 0) {
                  return users.send("u/" + id);
                }
                return "";
              }
              String orderIfPositive(int n, String id) throws Exception {
                return n > 0 ? orders.send("o/" + id) : "";
              }
              String userOf(int kind, String id) throws Exception {
                switch (kind) {
                  case 1:
                    return users.send("u/" + id);
                  default:
                    return "";
                }
              }
              boolean orderKnown(String id) throws Exception {
                return !id.isEmpty() && !orders.send("o/" + id).isEmpty();
              }
            }
            """)
        .addSourceLines(
            "test/Page.java",
            """
            package test;
            class Page {
              private final Helpers helpers = new Helpers();
              String onAParameter(String id) throws Exception {
                // BUG: Diagnostic contains: 2 independent round trips in a row
                String user = helpers.userIf(true, id);
                String order = helpers.orderIf(true, id);
                return user + order;
              }
              String onTheData(String id) throws Exception {
                String user = helpers.userIfPositive(id.length(), id);
                String order = helpers.orderIfPositive(id.length(), id);
                return user + order;
              }
              String inACase(String id) throws Exception {
                String user = helpers.userOf(id.length(), id);
                String other = helpers.userOf(id.length() + 1, id);
                return user + other;
              }
              boolean rightOfAnAnd(String id) throws Exception {
                boolean one = helpers.orderKnown(id);
                boolean two = helpers.orderKnown(id + "/2");
                return one && two;
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressWarningsSilencesIt() {
    helper()
        .addSourceLines(
            "test/Page.java",
            """
            package test;
            class Page {
              private final Services services = new Services();
              @SuppressWarnings("SerialFanOut")
              String render(String id) throws Exception {
                return services.user(id) + "";
              }
              @SuppressWarnings("SerialFanOut")
              void both(String id) throws Exception {
                services.user(id);
                services.order(id);
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void sequentialDeclaresTheOrderIntended() {
    helper()
        .addSourceLines(
            "test/Page.java",
            """
            package test;
            import dev.lockstep.annotations.Sequential;
            @Sequential(reason = "the order service reads what the user service wrote")
            class Page {
              private final Services services = new Services();
              void both(String id) throws Exception {
                services.user(id);
                services.order(id);
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  /** No rewrite is offered: which statements must move after the join is the author's call. */
  @Test
  void noAutomaticFix() {
    BugCheckerRefactoringTestHelper.newInstance(SerialFanOut.class, getClass())
        .addInputLines("test/Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines("test/Services.java", SERVICES)
        .expectUnchanged()
        .addInputLines(
            "test/Page.java",
            """
            package test;
            class Page {
              private final Services services = new Services();
              void both(String id) throws Exception {
                services.user(id);
                services.order(id);
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }
}
