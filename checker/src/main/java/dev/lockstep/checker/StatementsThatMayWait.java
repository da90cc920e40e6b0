package dev.lockstep.checker;

import static com.google.errorprone.util.ASTHelpers.enclosingPackage;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.ModuleSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.Mark;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test SerialFanOut runs before it lowers a method: whether some block (or switch case) has two
 * statements that each make a call that <em>may</em> wait. A run can only hold two waits when that
 * holds, so a method without it is neither lowered nor read. On the compile benchmark, lowering and
 * reading every method with two calls in a row was most of the check's cost, and in a library
 * nearly none of them can wait.
 *
 * <p>"May wait" over-approximates what the summaries find, on symbols alone: a call may wait unless
 * its target is a concrete JDK method the catalogue names nowhere, or a method of the sources that
 * cannot be overridden (static, private, final, a constructor, of a final class), carries no
 * {@code @Blocking}, and whose body, lambdas and local classes included, makes no call that may
 * wait, down to one call deeper than the summaries go. Anything else — an abstract or overridable
 * method, a library method (its class file may wait), a call that did not resolve — may wait. The
 * scanner reads every method; {@code ParityTest} holds both to the same findings.
 *
 * <p>One instance per compilation and configuration (the catalogue is the configuration's); the
 * answers for methods are kept. Not thread-safe.
 */
final class StatementsThatMayWait {
  private final JavacFacts facts;
  private final Catalogue catalogue;
  private final int maxDepth;
  private final Types types;
  private final Map<MethodSymbol, Boolean> known = new HashMap<>();
  private final Map<String, Set<String>> catalogueOwners = new HashMap<>();

  StatementsThatMayWait(JavacFacts facts, Types types, Catalogue catalogue, int maxDepth) {
    this.facts = facts;
    this.types = types;
    this.catalogue = catalogue;
    this.maxDepth = maxDepth;
  }

  /** Whether some block of {@code body} has two statements that each may wait. */
  boolean twoInARow(Tree body) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitBlock(BlockTree block, Void unused) {
            return inARow(block.getStatements())
                || Boolean.TRUE.equals(super.visitBlock(block, null));
          }

          @Override
          public Boolean visitCase(CaseTree c, Void unused) {
            return (c.getStatements() != null && inARow(c.getStatements()))
                || Boolean.TRUE.equals(super.visitCase(c, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Whether two statements of one block may wait. Not only neighbours: a statement that makes no
   * call ({@code int n = 2;}) does not end a run, so the waits around it may form a group.
   */
  private boolean inARow(List<? extends StatementTree> statements) {
    boolean earlier = false;
    for (StatementTree statement : statements) {
      if (mayWait(statement, 0, new HashSet<>())) {
        if (earlier) {
          return true;
        }
        earlier = true;
      }
    }
    return false;
  }

  /** Whether a tree makes a call that may wait, in lambdas and local classes too. */
  private boolean mayWait(Tree tree, int depth, Set<MethodSymbol> seen) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
            return target(node, ASTHelpers.getReceiverType(node), depth, seen)
                || Boolean.TRUE.equals(super.visitMethodInvocation(node, null));
          }

          @Override
          public Boolean visitNewClass(NewClassTree node, Void unused) {
            return target(node, ASTHelpers.getType(node), depth, seen)
                || Boolean.TRUE.equals(super.visitNewClass(node, null));
          }

          @Override
          public Boolean visitMemberReference(MemberReferenceTree node, Void unused) {
            return target(node, ASTHelpers.getType(node.getQualifierExpression()), depth, seen)
                || Boolean.TRUE.equals(super.visitMemberReference(node, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  private boolean target(Tree call, Type receiver, int depth, Set<MethodSymbol> seen) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    if (!(symbol instanceof MethodSymbol method) || !(method.owner instanceof ClassSymbol owner)) {
      return true; // did not resolve: anything
    }
    if (catalogued(method, owner, receiver)) {
      return true;
    }
    boolean isAbstract = (method.flags() & (Flags.ABSTRACT | Flags.DEFAULT)) != 0;
    if (jdk(owner)) {
      // The catalogue models the JDK: a concrete JDK method it does not name never waits. An
      // abstract one may run a method of the sources (Callable.call on a task of the sources),
      // but not one of a collection, a string or a stream: nobody implements those to wait.
      return (isAbstract || owner.isInterface()) && runsCode(owner);
    }
    if (isAbstract || overridable(method, owner)) {
      return true;
    }
    return body(method, depth, seen);
  }

  /**
   * Whether a catalogue entry may match the call: one of its name whose owner is the receiver's
   * type, the method's owner, or a supertype of either (the catalogue matches supertypes too).
   */
  private boolean catalogued(MethodSymbol method, ClassSymbol owner, Type receiver) {
    Set<String> owners =
        catalogueOwners.computeIfAbsent(method.name.toString(), catalogue::ownersOf);
    if (owners.isEmpty()) {
      return false;
    }
    return reaches(owner.type, owners) || (receiver != null && reaches(receiver, owners));
  }

  private boolean reaches(Type type, Set<String> owners) {
    try {
      for (Type t : types.closure(type)) {
        if (owners.contains(t.tsym.getQualifiedName().toString())) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true; // an incomplete type: anything
    }
  }

  /** Whether a method of the sources that cannot be overridden may wait; library methods may. */
  private boolean body(MethodSymbol method, int depth, Set<MethodSymbol> seen) {
    Boolean answer = known.get(method);
    if (answer != null) {
      return answer;
    }
    if (depth > maxDepth || facts.names().marksOf(method).has(Mark.BLOCKING)) {
      return true;
    }
    if (!seen.add(method)) {
      return false; // a cycle: the method's other calls are looked at where it was entered
    }
    TreePath path = facts.pathOf(method);
    boolean waits =
        path == null
            || !(path.getLeaf() instanceof MethodTree tree)
            || tree.getBody() == null
            || facts.names().typeMarks(method.owner).has(Mark.BLOCKING)
            || mayWait(tree.getBody(), depth + 1, seen);
    // "Waits" found is found at any depth; "none" holds only once the whole depth was looked at.
    if (waits || depth == 0) {
      known.put(method, waits);
    }
    return waits;
  }

  private static boolean overridable(MethodSymbol method, ClassSymbol owner) {
    return !method.isConstructor()
        && (method.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) == 0
        && (owner.flags() & Flags.FINAL) == 0
        && !owner.isAnonymous();
  }

  /** Packages of data types: collections, strings, streams, dates, numbers. */
  private static final Set<String> DATA_PACKAGES =
      Set.of(
          "java.lang",
          "java.util",
          "java.util.stream",
          "java.util.regex",
          "java.time",
          "java.text",
          "java.math",
          "java.lang.reflect",
          "java.lang.invoke");

  /** Whether an abstract method of a JDK type may be implemented by code that waits. */
  private static boolean runsCode(ClassSymbol owner) {
    String name = owner.getQualifiedName().toString();
    String pkg = enclosingPackage(owner).map(p -> p.getQualifiedName().toString()).orElse("");
    return !DATA_PACKAGES.contains(pkg)
        || name.equals("java.lang.Runnable")
        || name.equals("java.lang.AutoCloseable");
  }

  /** A class of the JDK: in a system module, or in a {@code java.*} package (only the JDK's). */
  private static boolean jdk(ClassSymbol owner) {
    String name = owner.getQualifiedName().toString();
    if (name.startsWith("java.")) {
      return true;
    }
    ModuleSymbol module = enclosingPackage(owner).map(p -> p.modle).orElse(null);
    if (module == null || module.isUnnamed() || module.isNoModule()) {
      return false;
    }
    String moduleName = module.getQualifiedName().toString();
    return moduleName.startsWith("java.") || moduleName.startsWith("jdk.");
  }
}
