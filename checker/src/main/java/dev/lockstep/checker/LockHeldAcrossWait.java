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
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.rules.LockHeldAcrossWaitRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Flags a lock that concurrent callers share held across a round trip: every caller waits for one
 * round trip at a time.
 *
 * <p>This class only reads the method's lock regions ({@link JavacFacts#readHeldLocks}) and
 * reports, at the {@code synchronized} keyword, the method, or the {@code lock()} call, what {@code
 * dev.lockstep.analysis.rules.LockHeldAcrossWaitRule} decides. It offers no fix: where the result
 * of the round trip may be published, and whether a double-check or per-key locks keep the
 * invariant the lock protects, is the author's call. The check never crashes javac (set {@code
 * lockstep.strict} to rethrow, as the tests do).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.LOCK_HELD_ACROSS_WAIT_SUMMARY,
    link = Checks.LOCK_HELD_ACROSS_WAIT_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class LockHeldAcrossWait extends BugChecker
    implements MethodTreeMatcher, CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final transient ErrorProneLockstepConfig config;

  /** With the default options; for tools that instantiate checks reflectively. */
  public LockHeldAcrossWait() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  LockHeldAcrossWait(ErrorProneFlags flags) {
    this.config = ErrorProneLockstepConfig.forParallelism(flags, Checks.LOCK_HELD_ACROSS_WAIT);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    return LockstepCompilation.reportConfigError(Checks.LOCK_HELD_ACROSS_WAIT, config, tree, state);
  }

  /**
   * The methods of the class at {@code classPath} (ADR 0017: those that take a lock, and the
   * callers of a private helper that does), read as the method judged was; none for an anonymous
   * class, whose methods the scanner reads as having no class.
   */
  private static List<LockHeldAcrossWaitRule.Member> classMethods(
      LockstepCompilation compilation, TreePath classPath) {
    if (classPath == null
        || !(classPath.getLeaf() instanceof ClassTree type)
        || type.getSimpleName().isEmpty()) {
      return List.of();
    }
    List<LockHeldAcrossWaitRule.Member> members = new ArrayList<>();
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree) {
        try {
          compilation
              .facts
              .readHeldLocks(new TreePath(classPath, member), false)
              .ifPresent(
                  m ->
                      members.add(
                          new LockHeldAcrossWaitRule.Member(m.role(), m.facts(), m.locks())));
        } catch (RuntimeException | StackOverflowError e) {
          // a method that cannot be read takes no lock the rule knows of
        }
      }
    }
    return members;
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (config.error().isPresent() || tree.getBody() == null) {
      return Description.NO_MATCH;
    }
    try {
      LockstepCompilation compilation = config.compilation(state);
      // The rule reports a lock held across a round trip (a latency wait, a statement on a
      // connection of its own, the await of a request's reply): a method whose calls cannot make
      // one is not read. SerialAwaitInLoop's test counts those tags (round trips, channels,
      // awaits), and has mostly read this method's callees already.
      if (!compilation.facts.takesALock(tree)
          || !compilation.loopsThatMayWait.anyCall(tree.getBody())) {
        return Description.NO_MATCH;
      }
      Optional<JavacFacts.HeldLocksRead> read = compilation.facts.readHeldLocks(state.getPath());
      if (read.isEmpty()) {
        return Description.NO_MATCH;
      }
      JavacFacts.HeldLocksRead held = read.orElseThrow();
      TreePath path = state.getPath();
      for (Finding finding :
          compilation.lockHeldAcrossWait.judge(
              held.role(),
              held.facts(),
              held.locks(),
              () -> classMethods(compilation, path.getParentPath()))) {
        // At its synchronized block or acquiring call; at the method for a synchronized method.
        Tree at =
            Trees2.treeAt(
                    held.body(),
                    finding.location(),
                    n -> n instanceof Node.Synchronized || n instanceof Node.Call)
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
