package dev.lockstep.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;

/**
 * The sources the effective-parallelism tests ({@link FakeConcurrencyTest}, {@link
 * OversizedWindowTest}) compile against, the corpus' {@code concurrency} fixtures (see {@link
 * Corpus}), for the tests whose sources are not in the corpus. The expected messages name lines of
 * these files ({@code Client.java:9}, {@code RelaySession.java:10}): change them and the
 * expectations move.
 */
final class ConcurrencyFixtures {
  private ConcurrencyFixtures() {}

  /** A source file a test compiles: where it lives and its text. */
  record Source(String path, String text) {}

  /** A client whose send is an HttpClient round trip, in its own file. */
  static final Source CLIENT = fixture("test/Client.java");

  /** A signature-only BoundedWindow, as the window module will provide it. */
  static final Source WINDOW = fixture("dev/lockstep/window/BoundedWindow.java");

  /** The sample's shape: a serialized session whose synchronized publish posts through a helper. */
  static final Source RELAY = fixture("test/RelaySession.java");

  /** A gateway that serves two callers at once, as declared. */
  static final Source ERP = fixture("test/ErpGateway.java");

  /** The corpus' concurrency fixture at {@code path}. */
  private static Source fixture(String path) {
    return new Source(path, Corpus.fixture("concurrency/" + path));
  }

  /** The refactoring with {@code sources} added as inputs the check must leave unchanged. */
  static BugCheckerRefactoringTestHelper addUnchangedSourceLines(
      BugCheckerRefactoringTestHelper helper, Source... sources) {
    BugCheckerRefactoringTestHelper withSources = helper;
    for (Source source : sources) {
      withSources = withSources.addInputLines(source.path(), source.text()).expectUnchanged();
    }
    return withSources;
  }
}
