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
import com.sun.tools.javac.code.Scope;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.read.FixFit;
import dev.lockstep.analysis.read.WindowTypeFit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeKind;

/**
 * Reads what rewriting an enhanced {@code for} into {@code BoundedWindow} would take: whether the
 * class resolves, and javac's answers to {@link WindowTypeFit}'s type questions — the real {@code
 * map}/{@code forEach} signatures, the items' and the loop variable's types, what the body throws
 * and what the enclosing method declares or catches. The decision is the analysis'.
 */
@SuppressWarnings({
  "ReferenceEquality",
  "MemoizeConstantVisitorStateLookups"
}) // symbols and trees are compared by identity on purpose; lookups are few
final class FixReader {

  private final VisitorState state;
  private final JavacNames names;
  private final Types types;
  private final Symtab symtab;

  FixReader(VisitorState state, JavacNames names) {
    this.state = state;
    this.names = names;
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
    LoopTypes loopTypes = new LoopTypes(cls, loopPath, loop);
    return fit.facts(
        true, leavesLoop, name -> WindowTypeFit.blocker(loopTypes, name, name.equals("map")));
  }

  /** javac's answers for one loop. */
  private final class LoopTypes implements WindowTypeFit.Types {
    private final ClassSymbol window;
    private final TreePath loopPath;
    private final EnhancedForLoopTree loop;
    private List<JType> bodyThrows;

    LoopTypes(ClassSymbol window, TreePath loopPath, EnhancedForLoopTree loop) {
      this.window = window;
      this.loopPath = loopPath;
      this.loop = loop;
    }

    @Override
    public boolean hasFactory() {
      return find(window, PipelineCalls.WINDOW_FACTORY, 1, true) != null;
    }

    @Override
    public Optional<WindowTypeFit.WindowMethod> method(String name) {
      MethodSymbol method = find(window, name, 2, false);
      if (method == null) {
        return Optional.empty();
      }
      Type fn = method.params().get(1).type;
      Optional<WindowTypeFit.FunctionType> function;
      try {
        MethodSymbol descriptor = (MethodSymbol) types.findDescriptorSymbol(fn.tsym);
        function =
            Optional.of(
                new WindowTypeFit.FunctionType(
                    descriptor.getReturnType().getKind() == TypeKind.VOID,
                    descriptor.getThrownTypes().stream()
                        .map(t -> names.typeName(bound(t)))
                        .toList()));
      } catch (RuntimeException e) {
        function = Optional.empty();
      }
      List<WindowTypeFit.Declared> thrown = new ArrayList<>();
      for (Type t : method.getThrownTypes()) {
        boolean ofFunction =
            t.hasTag(TypeTag.TYPEVAR)
                && fn.getTypeArguments().stream().anyMatch(arg -> arg.tsym == t.tsym);
        thrown.add(new WindowTypeFit.Declared(names.jtype(bound(t)), ofFunction));
      }
      return Optional.of(
          new WindowTypeFit.WindowMethod(
              names.typeName(method.params().get(0).type),
              function,
              names.closure(method.getReturnType()),
              thrown));
    }

    @Override
    public Optional<JType> items() {
      return Optional.ofNullable(Trees2.type(loop.getExpression())).map(names::jtype);
    }

    @Override
    public boolean variableFitsElement() {
      Type element = elementType(Trees2.type(loop.getExpression()));
      Type variable = Trees2.type(loop.getVariable());
      return element != null
          && variable != null
          && types.isSameType(types.erasure(element), types.erasure(variable));
    }

    @Override
    public List<JType> bodyThrows() {
      if (bodyThrows == null) {
        bodyThrows = escapingCheckedExceptions(loop.getStatement());
      }
      return bodyThrows;
    }

    @Override
    public Optional<JType> type(String name) {
      return Optional.ofNullable(state.getTypeFromString(name)).map(names::jtype);
    }

    /** Declared by the enclosing method, or caught by a try around the loop inside it. */
    @Override
    public boolean handled(JType thrown) {
      Tree child = loopPath.getLeaf();
      for (TreePath p = loopPath.getParentPath(); p != null; p = p.getParentPath()) {
        Tree t = p.getLeaf();
        if (t instanceof TryTree tryTree && tryTree.getBlock() == child) {
          for (CatchTree c : tryTree.getCatches()) {
            if (WindowTypeFit.coveredBy(thrown, caughtNames(c))) {
              return true;
            }
          }
        }
        if (t instanceof MethodTree m) {
          return symbol(m) instanceof MethodSymbol ms
              && WindowTypeFit.coveredBy(thrown, erasedNames(ms.getThrownTypes()));
        }
        if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
          return false;
        }
        child = t;
      }
      return false;
    }
  }

  private MethodSymbol find(ClassSymbol cls, String name, int params, boolean isStatic) {
    Scope members = Trees2.members(cls);
    if (members == null) {
      return null;
    }
    for (Symbol s : members.getSymbolsByName(state.getName(name))) {
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
    Type iterable = itemsType == null ? null : types.asSuper(itemsType, symtab.iterableType.tsym);
    if (iterable == null || iterable.getTypeArguments().isEmpty()) {
      return null;
    }
    return types.wildUpperBound(iterable.getTypeArguments().get(0));
  }

  /** A type variable stands for its bound. */
  private static Type bound(Type t) {
    return t.hasTag(TypeTag.TYPEVAR) ? t.getUpperBound() : t;
  }

  private List<String> erasedNames(List<Type> declared) {
    return declared.stream().map(t -> names.typeName(bound(t))).toList();
  }

  /** The erased names a catch clause catches (each alternative of a union). */
  private List<String> caughtNames(CatchTree c) {
    Tree typeTree = c.getParameter().getType();
    List<? extends Tree> alternatives =
        typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree);
    List<String> caught = new ArrayList<>();
    for (Tree alternative : alternatives) {
      Type t = type(alternative);
      if (t != null) {
        caught.add(names.typeName(t));
      }
    }
    return caught;
  }

  /** Checked exceptions the body can throw that no try inside it catches. */
  private List<JType> escapingCheckedExceptions(Tree body) {
    List<JType> escaping = new ArrayList<>();
    Deque<List<String>> caught = new ArrayDeque<>();
    new TreeScanner<Void, Void>() {
      private void thrown(Type t) {
        if (t == null) {
          return;
        }
        JType type = names.jtype(t);
        if (!WindowTypeFit.isChecked(type)) {
          return;
        }
        for (List<String> level : caught) {
          if (WindowTypeFit.coveredBy(type, level)) {
            return;
          }
        }
        escaping.add(type);
      }

      private void thrownBy(MethodSymbol m) {
        if (m != null) {
          for (Type t : m.getThrownTypes()) {
            thrown(bound(t));
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
        List<String> level = new ArrayList<>();
        node.getCatches().forEach(c -> level.addAll(caughtNames(c)));
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
