package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the source says an expression holds, for the effective-parallelism readers ({@link
 * JavacWindows}, {@link JavacLockCalls}, {@link JavacLockRegions}): compile-time {@code int}
 * constants, where a variable gets its value, whether a lock object is static, and the text
 * diagnostics quote. Fails soft: what it cannot tell is empty, null or false. The scanner's twin is
 * {@code JpValues}.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols are compared by identity
final class JavacValues {
  private final JavacTrees trees;

  JavacValues(JavacTrees trees) {
    this.trees = trees;
  }

  /** The value of an {@code int} compile-time constant (javac has folded it), else empty. */
  static OptionalInt constant(ExpressionTree expr) {
    Type t = type(unwrap(expr));
    Object value = t == null ? null : t.constValue();
    if (value == null && symbol(unwrap(expr)) instanceof VarSymbol v) {
      value = v.getConstValue();
    }
    return value instanceof Integer n ? OptionalInt.of(n) : OptionalInt.empty();
  }

  /**
   * Where a variable gets its value: a local's initializer; a field's initializer, or its one
   * assignment in the class's methods (a constructor, {@code start()}, {@code init()}).
   */
  ExpressionTree initializer(VarSymbol v, TreePath context) {
    if (JavacFacts.isLocal(v)) {
      return JavacFacts.initializerOf(v, context);
    }
    if (!(v.owner instanceof ClassSymbol owner)) {
      return null;
    }
    JCTree decl;
    try {
      decl = trees.getTree(v);
    } catch (RuntimeException e) {
      return null;
    }
    if (decl instanceof JCTree.JCVariableDecl var && var.getInitializer() != null) {
      return var.getInitializer();
    }
    JCTree.JCClassDecl cls;
    try {
      cls = trees.getTree(owner);
    } catch (RuntimeException e) {
      return null;
    }
    if (cls == null) {
      return null;
    }
    List<ExpressionTree> assigned = new ArrayList<>();
    for (JCTree member : cls.getMembers()) {
      // Any method, not only constructors: a pool created once in start() or init() is the
      // only executor the field ever holds.
      if (member instanceof JCTree.JCMethodDecl m && m.sym != null && m.getBody() != null) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitAssignment(AssignmentTree node, Void unused) {
            if (symbol(unwrap(node.getVariable())) == v) {
              assigned.add(node.getExpression());
            }
            return super.visitAssignment(node, null);
          }

          @Override
          public Void visitClass(ClassTree node, Void unused) {
            return null;
          }
        }.scan(m.getBody(), null);
      }
    }
    return assigned.size() == 1 ? assigned.get(0) : null;
  }

  /** Whether the object is the same for the whole program: a static field or a class literal. */
  static boolean isStaticObject(ExpressionTree expr) {
    ExpressionTree e = unwrap(expr);
    if (e instanceof MemberSelectTree select && select.getIdentifier().contentEquals("class")) {
      return true;
    }
    Symbol sym = symbol(e);
    return sym instanceof VarSymbol v
        && v.owner instanceof ClassSymbol
        && (v.flags() & Flags.STATIC) != 0;
  }

  /** The expression as diagnostics quote it: one line, without {@code this.}, at most 40 chars. */
  static String source(ExpressionTree expr) {
    String text = unwrap(expr).toString().replaceAll("\\s+", " ");
    if (text.startsWith("this.")) {
      text = text.substring("this.".length());
    }
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
