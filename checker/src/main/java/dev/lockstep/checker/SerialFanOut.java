package dev.lockstep.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.rules.SerialFanOutRule;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Flags independent waits one after the other in straight-line code: {@code n} round trips where,
 * started together, one would do.
 *
 * <p>This class only lowers the method ({@link JavacFacts#readRuns}), when two statements in a row
 * may wait ({@link StatementsThatMayWait}), and reports, at the first wait of each group, what
 * {@link SerialFanOutRule} decides. It offers no fix: which statements use the results, and so must
 * move after the join, is the author's call. The check never crashes javac (set {@code
 * lockstep.strict} to rethrow, as the tests do).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.SERIAL_FAN_OUT_SUMMARY,
    link = Checks.SERIAL_FAN_OUT_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class SerialFanOut extends BugChecker
    implements MethodTreeMatcher, CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final transient ErrorProneLockstepConfig config;

  /** With the default options; for tools that instantiate checks reflectively. */
  public SerialFanOut() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  SerialFanOut(ErrorProneFlags flags) {
    this.config = ErrorProneLockstepConfig.forFanOut(flags, Checks.SERIAL_FAN_OUT);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    return LockstepCompilation.reportConfigError(Checks.SERIAL_FAN_OUT, config, tree, state);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (config.error().isPresent() || tree.getBody() == null) {
      return Description.NO_MATCH;
    }
    try {
      LockstepCompilation compilation = config.compilation(state);
      if (!SerialFanOutRule.reads(tree.getName().toString())
          || !compilation.statementsThatMayWait.twoInARow(tree.getBody())) {
        return Description.NO_MATCH; // no two statements in a row may wait: nothing to read
      }
      Optional<JavacFacts.RunsRead> read = compilation.facts.readRuns(state.getPath());
      if (read.isEmpty() || read.orElseThrow().runs().isEmpty()) {
        return Description.NO_MATCH;
      }
      JavacFacts.RunsRead runs = read.orElseThrow();
      for (Finding finding :
          compilation.serialFanOut.judge(
              runs.runs(), runs.marks(), compilation.facts::keepsState)) {
        // At the group's first wait.
        Tree at =
            Trees2.treeAt(
                    runs.body(),
                    finding.location(),
                    n -> n instanceof Node.Call || n instanceof Node.New)
                .orElse(tree);
        state.reportMatch(buildDescription(at).setMessage(finding.message()).build());
      }
      return Description.NO_MATCH;
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(SerialAwaitInLoop.STRICT_PROPERTY)) {
        throw e;
      }
      return Description.NO_MATCH; // never crash javac, never report a finding we are not sure of
    }
  }
}
