package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.lockstep.analysis.facts.LockCalls;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.MethodRole;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.read.HeldLocks;
import dev.lockstep.analysis.rules.LockHeldAcrossWaitRule;
import dev.lockstep.analysis.summary.Summaries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code LockHeldAcrossWait} in the scanner: each method of a file that takes a lock (found from
 * the syntax first, so that only those cost a resolution), its lock regions read by the shared
 * readers ({@link HeldLocks} over the regions its {@code MethodFacts} carry) and judged by the rule
 * the checker runs.
 */
final class LockScan {
  private final JavaParserFacts facts;
  private final JpNames names;
  private final LockHeldAcrossWaitRule rule;

  LockScan(JavaParserFacts facts, JpNames names, Summaries summaries) {
    this.facts = facts;
    this.names = names;
    this.rule = new LockHeldAcrossWaitRule(summaries);
  }

  List<FrontEnd.ScanFinding> scan(CompilationUnit unit) {
    List<FrontEnd.ScanFinding> findings = new ArrayList<>();
    for (CallableDeclaration<?> decl : unit.findAll(CallableDeclaration.class)) {
      if (takesALock(decl) && !JavaParserFacts.suppressed(decl, Checks.LOCK_HELD_ACROSS_WAIT)) {
        judge(decl, findings);
      }
    }
    return findings;
  }

  private static boolean hasBody(CallableDeclaration<?> decl) {
    return (decl instanceof MethodDeclaration m && m.getBody().isPresent())
        || decl instanceof ConstructorDeclaration;
  }

  /** The cheap filter: synchronized, or a synchronized block or a call named like an acquire. */
  private static boolean takesALock(CallableDeclaration<?> decl) {
    if (!hasBody(decl)) {
      return false;
    }
    if (decl instanceof MethodDeclaration m && m.isSynchronized()) {
      return true;
    }
    return decl.findFirst(SynchronizedStmt.class).isPresent()
        || decl.findFirst(
                MethodCallExpr.class,
                c ->
                    c.getScope().isPresent()
                        && (LockCalls.ACQUIRES.contains(c.getNameAsString())
                            || LockCalls.TIMED_ACQUIRES.contains(c.getNameAsString())))
            .isPresent();
  }

  private void judge(CallableDeclaration<?> decl, List<FrontEnd.ScanFinding> findings) {
    Optional<LockHeldAcrossWaitRule.Member> read = member(decl);
    if (read.isEmpty()) {
      return;
    }
    LockHeldAcrossWaitRule.Member m = read.orElseThrow();
    for (Finding finding : rule.judge(m.role(), m.facts(), m.locks(), () -> classMethods(decl))) {
      findings.add(
          new FrontEnd.ScanFinding(
              finding, FrontEnd.member(decl), FrontEnd.snippet(decl.getName())));
    }
  }

  /** A method's lock regions with their locks read, or empty when it takes none. */
  private Optional<LockHeldAcrossWaitRule.Member> member(CallableDeclaration<?> decl) {
    return member(decl, true);
  }

  /**
   * As {@link #member(CallableDeclaration)}; with {@code takingALock} false also a method that
   * takes no lock (its calls: the rule looks for the public callers of a private helper).
   */
  private Optional<LockHeldAcrossWaitRule.Member> member(
      CallableDeclaration<?> decl, boolean takingALock) {
    Optional<MethodRef> ref = names.refOf(decl);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    Optional<MethodFacts> read = facts.factsFor(ref.orElseThrow());
    if (read.isEmpty() || (takingALock && read.orElseThrow().lockRegions().isEmpty())) {
      return Optional.empty();
    }
    if (read.orElseThrow().lockRegions().isEmpty()) {
      return Optional.of(
          new LockHeldAcrossWaitRule.Member(role(decl), read.orElseThrow(), List.of()));
    }
    dev.lockstep.analysis.body.Node body = facts.lowered(decl).root();
    if (body == null) {
      return Optional.empty();
    }
    List<HeldLocks.HeldLock> locks = facts.heldLocks().read(body, read.orElseThrow().lockRegions());
    return Optional.of(new LockHeldAcrossWaitRule.Member(role(decl), read.orElseThrow(), locks));
  }

  /**
   * The methods of the class declaring {@code decl} (ADR 0017: those that take a lock, itself
   * included, and the callers of a private helper that does); none for a method of an anonymous
   * class, as the checker reads it.
   */
  private List<LockHeldAcrossWaitRule.Member> classMethods(CallableDeclaration<?> decl) {
    if (!(decl.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
      return List.of();
    }
    List<LockHeldAcrossWaitRule.Member> members = new ArrayList<>();
    for (Node member : type.getMembers()) {
      if (member instanceof CallableDeclaration<?> other && hasBody(other)) {
        try {
          member(other, takesALock(other)).ifPresent(members::add);
        } catch (RuntimeException | StackOverflowError e) {
          // a method that does not resolve is not read: it takes no lock the rule knows of
        }
      }
    }
    return members;
  }

  /** What the method is to its callers' threads: its and its class's annotations, modifiers. */
  private MethodRole role(CallableDeclaration<?> decl) {
    Node parent = decl.getParentNode().orElse(null);
    Set<String> typeAnnotations = Set.of();
    Set<String> supertypes = Set.of();
    boolean isEnum = false;
    if (parent instanceof TypeDeclaration<?> type) {
      typeAnnotations = simpleNames(type);
      isEnum = type instanceof EnumDeclaration;
      try {
        supertypes = names.closure(type.resolve());
      } catch (RuntimeException | StackOverflowError e) {
        supertypes = Set.of(); // the class does not resolve: no supertype is known
      }
    }
    boolean constructor = decl instanceof ConstructorDeclaration;
    return new MethodRole(
        constructor ? MethodRef.CONSTRUCTOR : decl.getNameAsString(),
        simpleNames(decl),
        typeAnnotations,
        supertypes,
        decl.isPublic(),
        decl.isPrivate(),
        decl.isProtected(),
        decl.isStatic(),
        constructor,
        isEnum);
  }

  private static Set<String> simpleNames(NodeWithAnnotations<?> annotated) {
    Set<String> found = new HashSet<>();
    for (AnnotationExpr a : annotated.getAnnotations()) {
      found.add(a.getName().getIdentifier());
    }
    return found;
  }
}
