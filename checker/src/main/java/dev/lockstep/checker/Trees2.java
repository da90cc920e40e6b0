package dev.lockstep.checker;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Scope;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.facts.Location;
import java.util.Optional;
import java.util.function.Predicate;

/** Small null-safe tree helpers: the analysis must never crash on odd or unattributed trees. */
final class Trees2 {
  /**
   * The members of a class, or null when javac could not complete it (a class file that refers to a
   * jar missing from the classpath leaves its members unset: hbase-server's handlers did).
   */
  static Scope members(ClassSymbol cls) {
    try {
      return cls.members();
    } catch (CompletionFailure e) {
      return null;
    }
  }

  private Trees2() {}

  /**
   * A loop or a lambda: a tree whose body may run once per item, or later. The per-item tests of
   * the pipeline and fan-out readers look for these (as lowered: {@code Node.Loop}, {@code
   * Node.Lambda}) between a call and its method.
   */
  static boolean loopOrLambda(Tree tree) {
    return switch (tree.getKind()) {
      case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP, LAMBDA_EXPRESSION -> true;
      default -> false;
    };
  }

  /**
   * The javac tree of the first node of {@code body} at {@code location} that {@code kind} accepts
   * (the call or lock a finding is about), to report at; empty when none is.
   */
  static Optional<Tree> treeAt(Node body, Location location, Predicate<Node> kind) {
    Tree[] found = {null};
    Nodes.any(
        body,
        n -> {
          if (kind.test(n) && n.src().at().equals(location)) {
            found[0] = (Tree) n.src().tree();
            return true;
          }
          return false;
        });
    return Optional.ofNullable(found[0]);
  }

  static ExpressionTree unwrap(ExpressionTree tree) {
    ExpressionTree t = tree;
    while (true) {
      if (t instanceof ParenthesizedTree p) {
        t = p.getExpression();
      } else if (t instanceof TypeCastTree c) {
        t = c.getExpression();
      } else {
        return t;
      }
    }
  }

  /** The symbol a tree declares or refers to; null when there is none (or it is unattributed). */
  static Symbol symbol(Tree tree) {
    if (!(tree instanceof JCTree jcTree)) {
      return null;
    }
    return switch (jcTree) {
      case JCTree.JCMethodDecl m -> m.sym;
      case JCTree.JCClassDecl c -> c.sym;
      case JCTree.JCVariableDecl v -> v.sym;
      case JCTree.JCNewClass n -> n.constructor;
      case JCTree.JCMemberReference r -> r.sym;
      default -> TreeInfo.symbol(jcTree);
    };
  }

  static MethodSymbol methodSymbol(Tree tree) {
    return symbol(tree) instanceof MethodSymbol m ? m : null;
  }

  static com.sun.tools.javac.code.Type type(Tree tree) {
    return tree instanceof JCTree jc ? jc.type : null;
  }
}
