package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.read.FixFit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads what rewriting an enhanced {@code for} into {@code BoundedWindow} would take: whether the
 * class resolves, which list the body collects into, and whether the real {@code map}/{@code
 * forEach} signatures fit — their item parameter, their function type's exceptions, and their own
 * checked exceptions, which the enclosing method must already declare or catch. Whatever does not
 * fit becomes a blocker the rule reports in words; no fix is emitted that would not compile or
 * would change behaviour.
 */
@SuppressWarnings({
  "ReferenceEquality",
  "MemoizeConstantVisitorStateLookups"
}) // symbols and trees are compared by identity on purpose; lookups are few
final class FixReader {

  private final VisitorState state;
  private final Types types;
  private final Symtab symtab;

  FixReader(VisitorState state) {
    this.state = state;
    this.types = state.getTypes();
    this.symtab = state.getSymtab();
  }

  String source(Tree tree) {
    String text = state.getSourceForNode(tree);
    return text != null ? text : tree.toString();
  }

  /**
   * The facts of rewriting {@code loop}: what the body does ({@code fit}, read in analysis) and
   * whether the rewrite would type-check here.
   */
  FixFacts read(TreePath loopPath, EnhancedForLoopTree loop, FixFit fit, boolean leavesLoop) {
    Type window = state.getTypeFromString(PipelineCalls.BOUNDED_WINDOW);
    if (window == null || !(window.tsym instanceof ClassSymbol cls)) {
      return fit.facts(false, leavesLoop, name -> Optional.empty());
    }
    List<Type> bodyThrows = escapingCheckedExceptions(loop.getStatement());
    return fit.facts(
        true,
        leavesLoop,
        name -> blocker(cls, name, loopPath, loop, bodyThrows, name.equals("map")));
  }

  /** Why {@code BoundedWindow.of(k).<name>(items, item -> body)} would not fit, if it would not. */
  private Optional<String> blocker(
      ClassSymbol window,
      String name,
      TreePath loopPath,
      EnhancedForLoopTree loop,
      List<Type> bodyThrows,
      boolean needsResult) {
    MethodSymbol of = find(window, PipelineCalls.WINDOW_FACTORY, 1, true);
    if (of == null) {
      return Optional.of("BoundedWindow has no static of(int)");
    }
    MethodSymbol method = find(window, name, 2, false);
    if (method == null) {
      return Optional.of("BoundedWindow has no " + name + "(items, function)");
    }
    Type itemsType = type(loop.getExpression());
    Type param = method.params().get(0).type;
    if (itemsType == null || !types.isAssignable(types.erasure(itemsType), types.erasure(param))) {
      return Optional.of(
          "BoundedWindow."
              + name
              + " does not take "
              + (itemsType == null ? "these items" : simpleName(types.erasure(itemsType))));
    }
    Type element = elementType(itemsType);
    Type variable = type(loop.getVariable());
    if (element == null
        || variable == null
        || !types.isSameType(types.erasure(element), types.erasure(variable))) {
      return Optional.of("the loop variable's type differs from the items' element type");
    }
    Type fn = method.params().get(1).type;
    MethodSymbol descriptor;
    try {
      descriptor = (MethodSymbol) types.findDescriptorSymbol(fn.tsym);
    } catch (RuntimeException e) {
      return Optional.of("BoundedWindow." + name + " does not take a function");
    }
    if (needsResult
        && descriptor.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID) {
      return Optional.of("BoundedWindow.map's function returns nothing");
    }
    if (needsResult) {
      Type collection = state.getTypeFromString("java.util.Collection");
      if (collection == null
          || !types.isSubtype(types.erasure(method.getReturnType()), types.erasure(collection))) {
        return Optional.of("BoundedWindow.map does not return a collection");
      }
    }
    for (Type thrown : bodyThrows) {
      if (!coveredBy(thrown, descriptor.getThrownTypes())) {
        return Optional.of(
            "the body throws "
                + thrown.tsym.getSimpleName()
                + ", which BoundedWindow."
                + name
                + "'s function type does not allow");
      }
    }
    for (Type thrown : method.getThrownTypes()) {
      // `<E extends Exception> ... throws E` with E the function's own exception: javac infers
      // E as the least upper bound of what the lambda throws (JLS 18.4), so IOException and
      // InterruptedException together make the window throw Exception.
      if (thrown.hasTag(com.sun.tools.javac.code.TypeTag.TYPEVAR)
          && method.params().get(1).type.getTypeArguments().stream()
              .anyMatch(arg -> arg.tsym == thrown.tsym)) {
        if (bodyThrows.isEmpty()) {
          continue; // E is inferred as RuntimeException
        }
        Type inferred = types.lub(bodyThrows.toArray(new Type[0]));
        if (inferred != null && !inferred.isErroneous() && handled(inferred, loopPath)) {
          continue;
        }
        return Optional.of(
            "BoundedWindow."
                + name
                + " would throw "
                + (inferred == null ? "Exception" : inferred.tsym.getSimpleName())
                + " (what the body throws, as one type), which the enclosing method neither"
                + " declares nor catches");
      }
      if (isChecked(thrown) && !handled(thrown, loopPath)) {
        return Optional.of(
            "BoundedWindow."
                + name
                + " throws "
                + thrown.tsym.getSimpleName()
                + ", which the enclosing method neither declares nor catches");
      }
    }
    return Optional.empty();
  }

  private MethodSymbol find(ClassSymbol cls, String name, int params, boolean isStatic) {
    for (Symbol s : cls.members().getSymbolsByName(state.getName(name))) {
      if (s instanceof MethodSymbol m
          && m.params().size() == params
          && m.isStatic() == isStatic
          && (m.flags() & Flags.PUBLIC) != 0) {
        return m;
      }
    }
    return null;
  }

  private Type elementType(Type itemsType) {
    if (itemsType instanceof Type.ArrayType array) {
      return array.elemtype;
    }
    Type iterable = types.asSuper(itemsType, symtab.iterableType.tsym);
    if (iterable == null || iterable.getTypeArguments().isEmpty()) {
      return null;
    }
    return types.wildUpperBound(iterable.getTypeArguments().get(0));
  }

  /** An erased type's simple name; {@code String[]} for an array (its symbol is named "Array"). */
  private static String simpleName(Type erased) {
    if (erased instanceof Type.ArrayType array) {
      return simpleName(array.elemtype) + "[]";
    }
    return erased.tsym.getSimpleName().toString();
  }

  private boolean isChecked(Type t) {
    Type erased = types.erasure(t);
    return !types.isSubtype(erased, symtab.runtimeExceptionType)
        && !types.isSubtype(erased, symtab.errorType);
  }

  private boolean coveredBy(Type thrown, List<Type> allowed) {
    for (Type a : allowed) {
      Type bound = a.hasTag(com.sun.tools.javac.code.TypeTag.TYPEVAR) ? a.getUpperBound() : a;
      if (types.isSubtype(types.erasure(thrown), types.erasure(bound))) {
        return true;
      }
    }
    return false;
  }

  /** Declared by the enclosing method, or caught by a try around the loop inside it. */
  private boolean handled(Type thrown, TreePath loopPath) {
    Tree child = loopPath.getLeaf();
    for (TreePath p = loopPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (t instanceof TryTree tryTree && tryTree.getBlock() == child) {
        for (CatchTree c : tryTree.getCatches()) {
          if (catches(c, thrown)) {
            return true;
          }
        }
      }
      if (t instanceof MethodTree m) {
        Symbol sym = symbol(m);
        return sym instanceof MethodSymbol ms && coveredBy(thrown, ms.getThrownTypes());
      }
      if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
        return false;
      }
      child = t;
    }
    return false;
  }

  private boolean catches(CatchTree c, Type thrown) {
    Tree typeTree = c.getParameter().getType();
    List<Tree> alternatives = new ArrayList<>();
    if (typeTree instanceof UnionTypeTree union) {
      alternatives.addAll(union.getTypeAlternatives());
    } else {
      alternatives.add(typeTree);
    }
    for (Tree alt : alternatives) {
      Type caught = type(alt);
      if (caught != null && types.isSubtype(types.erasure(thrown), types.erasure(caught))) {
        return true;
      }
    }
    return false;
  }

  /** Checked exceptions the body can throw that no try inside it catches. */
  List<Type> escapingCheckedExceptions(Tree body) {
    List<Type> escaping = new ArrayList<>();
    Deque<List<Type>> caught = new ArrayDeque<>();
    new TreeScanner<Void, Void>() {
      private void thrown(Type t) {
        if (t == null || !isChecked(t)) {
          return;
        }
        for (List<Type> level : caught) {
          if (coveredBy(t, level)) {
            return;
          }
        }
        escaping.add(t);
      }

      private void thrownBy(MethodSymbol m) {
        if (m != null) {
          for (Type t : m.getThrownTypes()) {
            thrown(t.hasTag(com.sun.tools.javac.code.TypeTag.TYPEVAR) ? t.getUpperBound() : t);
          }
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        thrownBy(methodSymbol(node.getMethodSelect()));
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        thrownBy(methodSymbol(node));
        scan(node.getArguments(), null);
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        thrown(type(node.getExpression()));
        return super.visitThrow(node, null);
      }

      @Override
      public Void visitTry(TryTree node, Void unused) {
        List<Type> level = new ArrayList<>();
        for (CatchTree c : node.getCatches()) {
          Tree typeTree = c.getParameter().getType();
          if (typeTree instanceof UnionTypeTree union) {
            union.getTypeAlternatives().forEach(a -> level.add(type(a)));
          } else {
            level.add(type(typeTree));
          }
        }
        level.removeIf(t -> t == null);
        caught.push(level);
        try {
          if (!node.getResources().isEmpty()) {
            thrown(symtab.exceptionType); // close() may throw; conservatively any exception
          }
          scan(node.getResources(), null);
          scan(node.getBlock(), null);
        } finally {
          caught.pop();
        }
        scan(node.getCatches(), null);
        scan(node.getFinallyBlock(), null);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    return escaping;
  }
}
