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
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.util.JCDiagnostic;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.rules.LoopVerdict;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Flags loops over independent items that wait once or more per item: {@code N} items cost {@code
 * N} round trips one after the other where a bounded window of {@code k} needs {@code ⌈N/k⌉}.
 *
 * <p>This class only reads javac trees into facts ({@link JavacFacts}) and renders the analysis'
 * finding; what counts as a wait, an independent item, an intended or paced loop is decided by
 * {@link SerialAwaitRule}. Summaries of the methods a loop calls, in any file of the compilation,
 * are computed once per compilation ({@link LockstepCompilation}). A loop none of whose calls may
 * wait ({@link StatementsThatMayWait#anyCall}, on javac's symbols) is not lowered at all.
 *
 * <p>The check never crashes javac: any {@link RuntimeException} in the analysis means "no finding"
 * (set the system property {@code lockstep.strict} to rethrow, as the tests do).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.SERIAL_AWAIT_IN_LOOP_SUMMARY,
    link = Checks.SERIAL_AWAIT_IN_LOOP_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class SerialAwaitInLoop extends BugChecker
    implements EnhancedForLoopTreeMatcher,
        ForLoopTreeMatcher,
        WhileLoopTreeMatcher,
        DoWhileLoopTreeMatcher,
        MethodInvocationTreeMatcher,
        CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** Rethrow analysis failures instead of reporting nothing (tests set it). */
  static final String STRICT_PROPERTY = "lockstep.strict";

  private final transient ErrorProneLockstepConfig config;

  /** With the default options; for tools that instantiate checks reflectively. */
  public SerialAwaitInLoop() {
    this.config = ErrorProneLockstepConfig.defaults();
  }

  @Inject
  SerialAwaitInLoop(ErrorProneFlags flags) {
    this.config = ErrorProneLockstepConfig.from(flags);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    return LockstepCompilation.reportConfigError(Checks.SERIAL_AWAIT_IN_LOOP, config, tree, state);
  }

  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    return guarded(tree, state);
  }

  @Override
  public Description matchForLoop(ForLoopTree tree, VisitorState state) {
    return guarded(tree, state);
  }

  @Override
  public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
    return guarded(tree, state);
  }

  @Override
  public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
    return guarded(tree, state);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap filter first: this runs on every call in the compilation.
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      return Description.NO_MATCH;
    }
    boolean forEach =
        select.getIdentifier().contentEquals("forEach")
            || select.getIdentifier().contentEquals("forEachRemaining");
    Symbol method = Trees2.symbol(select);
    boolean stream =
        method != null
            && method.owner != null
            && method.owner.getQualifiedName().toString().startsWith("java.util.stream.");
    if (!forEach && !stream) {
      return Description.NO_MATCH;
    }
    // A stream pipeline is one loop: report it once, at its last call.
    if (stream && !JavacFacts.isStreamTerminal(state.getPath())) {
      return Description.NO_MATCH;
    }
    return guarded(tree, state);
  }

  private Description guarded(Tree tree, VisitorState state) {
    if (config.error().isPresent()) {
      return Description.NO_MATCH;
    }
    try {
      return match(tree, state);
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(STRICT_PROPERTY)) {
        throw e;
      }
      // Never crash javac, never report a finding we are not sure of.
      return Description.NO_MATCH;
    }
  }

  private Description match(Tree tree, VisitorState state) {
    LockstepCompilation compilation = config.compilation(state);
    if (!compilation.loopsThatMayWait.anyCall(tree)) {
      return Description.NO_MATCH; // no call of the loop may wait: nothing to read
    }
    FixReader fixes = new FixReader(state, compilation.facts.names());
    Optional<JavacFacts.LoopRead> read = compilation.facts.readLoop(state.getPath(), fixes);
    if (read.isEmpty()) {
      return Description.NO_MATCH;
    }
    LoopVerdict verdict = compilation.serialAwait.judge(read.orElseThrow().fact());
    if (!(verdict instanceof LoopVerdict.Flagged flagged)) {
      return Description.NO_MATCH;
    }
    Finding finding = flagged.finding();
    // At the loop's first character, as the scanner reports it: for a stream or forEach chain over
    // several lines that is where the chain starts, not the name of its last call.
    Description.Builder description =
        buildDescription(
                new JCDiagnostic.SimpleDiagnosticPosition(((JCTree) tree).getStartPosition()))
            .setMessage(finding.message());
    if (finding.fix() instanceof FixPlan.Rewrite rewrite
        && tree instanceof EnhancedForLoopTree loop) {
      LoopRewriter.rewrite(loop, rewrite, fixes, state).ifPresent(description::addFix);
    }
    return description.build();
  }
}
