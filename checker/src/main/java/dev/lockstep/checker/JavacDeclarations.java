package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Scope;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Pair;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.read.Declarations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * The javac answers to {@link Declarations}: declarations found through {@link JavacTrees} (Error
 * Prone runs with {@code -XDcompilePolicy=simple}, so every class in the compilation is attributed
 * before any check runs), lowered by {@link JavacLowering} in their own file. Classes read from
 * class files have no trees: nothing is found for them.
 */
final class JavacDeclarations implements Declarations {
  private final JavacTrees trees;
  private final JavacLowering lowering;
  // Per top-level class, its path, and the path of every method declared in it (nested and local
  // classes too).
  private final IdentityHashMap<ClassSymbol, Optional<TreePath>> classPaths =
      new IdentityHashMap<>();
  private final IdentityHashMap<ClassSymbol, MethodPaths> methodPaths = new IdentityHashMap<>();

  /** For each class asked: its fields some value assigned to which makes an object with new. */
  private final IdentityHashMap<ClassSymbol, Set<VarSymbol>> fieldsAssignedNew =
      new IdentityHashMap<>();

  /** The same, as far as the initialisers and constructors of the class go: enough for a final. */
  private final IdentityHashMap<ClassSymbol, Set<VarSymbol>> finalsAssignedNew =
      new IdentityHashMap<>();

  private final JavacNames names;
  private final JavacElements elements;

  JavacDeclarations(
      JavacNames names, JavacTrees trees, JavacElements elements, JavacLowering lowering) {
    this.names = names;
    this.trees = trees;
    this.elements = elements;
    this.lowering = lowering;
  }

  /** The path of a method declared in the sources; null for class files and synthetic members. */
  TreePath pathOf(MethodSymbol symbol) {
    ClassSymbol owner = symbol.enclClass();
    // Only classes compiled from source have trees; skip class files without asking javac (the
    // flag first: a jar entry's kind is found from its name, and every call asks).
    if (owner == null
        || (owner.flags_field & Flags.FROM_SOURCE) == 0
        || owner.sourcefile == null
        || (owner.classfile != null
            && owner.classfile.getKind() == javax.tools.JavaFileObject.Kind.CLASS)) {
      return null;
    }
    // JavacTrees.getPath(symbol) searches the whole file from its root on each call: asked for
    // every method a summary enters, that is quadratic in a file's size. One walk of each
    // top-level class indexes all its methods instead. No path (e.g. a synthetic member): judged
    // like a library method.
    MethodPaths paths = methodPaths.computeIfAbsent(owner.outermostClass(), this::indexMethods);
    return paths == null ? null : paths.get(symbol);
  }

  /**
   * Whether the summaries may take a field's class from its allocation ({@code Allocations}: only
   * when every value its class assigns it, in its initialiser or its methods, is a {@code new}; a
   * static field that is not final never). False only when no value its class's code assigns it,
   * anywhere, makes an object ({@code new}, a lambda or a method reference, whose body a task's
   * call may run): then a call on the field runs the method it resolves to and no override. A class
   * without a tree (a library's) assigns nothing the summaries see.
   */
  boolean mayBeAllocated(VarSymbol field) {
    if ((field.flags() & Flags.STATIC) != 0 && (field.flags() & Flags.FINAL) == 0) {
      return false;
    }
    if (!(field.owner instanceof ClassSymbol owner)) {
      return true;
    }
    // A final is assigned only in its class's initialisers and constructors: walking every method
    // of the class (nested classes too) for each was most of this test's cost on jackson-databind.
    Set<VarSymbol> assigned =
        (field.flags() & Flags.FINAL) != 0
            ? finalsAssignedNew.computeIfAbsent(owner, c -> fieldsAssignedNew(c, true))
            : fieldsAssignedNew.computeIfAbsent(owner, c -> fieldsAssignedNew(c, false));
    return assigned == null || assigned.contains(field);
  }

  /**
   * The fields a value with a {@code new} is assigned to in a class's tree, or only in its fields'
   * initialisers, its initialiser blocks and its constructors; null: not known.
   */
  private Set<VarSymbol> fieldsAssignedNew(ClassSymbol owner, boolean initialisersOnly) {
    JCTree.JCClassDecl cls;
    try {
      cls = trees.getTree(owner);
    } catch (RuntimeException e) {
      return null; // computeIfAbsent keeps no null: asked again, and "may be" each time
    }
    Set<VarSymbol> fields = new HashSet<>();
    if (cls == null) {
      return fields;
    }
    TreeScanner<Void, Void> assignments =
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree node, Void unused) {
            note(symbol(node), node.getInitializer());
            return super.visitVariable(node, null);
          }

          @Override
          public Void visitAssignment(AssignmentTree node, Void unused) {
            note(ASTHelpers.getSymbol(node.getVariable()), node.getExpression());
            return super.visitAssignment(node, null);
          }

          private void note(Symbol target, ExpressionTree value) {
            if (target instanceof VarSymbol v
                && v.getKind() == ElementKind.FIELD
                && value != null
                && containsNew(value)) {
              fields.add(v);
            }
          }
        };
    if (!initialisersOnly) {
      assignments.scan(cls, null);
      return fields;
    }
    for (JCTree member : cls.getMembers()) {
      if (member instanceof VariableTree
          || member instanceof BlockTree
          || (member instanceof MethodTree method && method.getName().contentEquals("<init>"))) {
        assignments.scan(member, null);
      }
    }
    return fields;
  }

  /** Whether a value makes an object of the sources' code: a {@code new}, a lambda, a reference. */
  private static boolean containsNew(Tree value) {
    return Boolean.TRUE.equals(
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitNewClass(NewClassTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitMemberReference(MemberReferenceTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(value, null));
  }

  private Optional<TreePath> classPath(ClassSymbol topLevel) {
    return classPaths.computeIfAbsent(
        topLevel,
        c -> {
          try {
            // JavacTrees.getPath searches the file from its root for the class's tree; a top-level
            // class is a child of its file, so its path is made instead (a tenth of the pre-tests'
            // decisions on connect-runtime).
            Pair<JCTree, JCCompilationUnit> found = elements.getTreeAndTopLevel(c, null, null);
            if (found == null) {
              return Optional.empty();
            }
            return Optional.ofNullable(
                found.snd.defs.contains(found.fst)
                    ? new TreePath(new TreePath(found.snd), found.fst)
                    : TreePath.getPath(found.snd, found.fst));
          } catch (RuntimeException e) {
            return Optional.empty();
          }
        });
  }

  /** The methods' paths of a top-level class; null (asked again, cheaply) when it has no tree. */
  private MethodPaths indexMethods(ClassSymbol topLevel) {
    return classPath(topLevel).map(MethodPaths::of).orElse(null);
  }

  /**
   * {@link #mayBeAllocated(VarSymbol)} for the readers: a field of the sources' tree is scanned.
   */
  @Override
  public boolean mayBeAllocated(Var field) {
    VarSymbol v = lowering.symbolOf(field);
    return v == null || mayBeAllocated(v);
  }

  @Override
  public Node fieldInitializer(Var field) {
    VarSymbol v = lowering.symbolOf(field);
    if (v == null || !(v.owner instanceof ClassSymbol owner)) {
      return null;
    }
    JCTree decl;
    try {
      decl = trees.getTree(v);
    } catch (RuntimeException e) {
      return null;
    }
    if (!(decl instanceof JCTree.JCVariableDecl var) || var.getInitializer() == null) {
      return null;
    }
    return classPath(owner.outermostClass())
        .map(p -> lowering.lower(var.getInitializer(), p.getCompilationUnit()))
        .orElse(null);
  }

  @Override
  public List<Node> methodBodiesBeside(Var field) {
    VarSymbol v = lowering.symbolOf(field);
    if (v == null || !(v.owner instanceof ClassSymbol owner)) {
      return List.of();
    }
    JCTree.JCClassDecl cls;
    try {
      cls = trees.getTree(owner);
    } catch (RuntimeException e) {
      return List.of();
    }
    Optional<TreePath> path = classPath(owner.outermostClass());
    if (cls == null || path.isEmpty()) {
      return List.of();
    }
    List<Node> bodies = new ArrayList<>();
    for (JCTree member : cls.getMembers()) {
      if (member instanceof JCTree.JCMethodDecl m && m.sym != null && m.getBody() != null) {
        bodies.add(lowering.lower(m.getBody(), path.orElseThrow().getCompilationUnit()));
      }
    }
    return bodies;
  }

  @Override
  public Optional<MethodBody> method(MethodRef ref) {
    MethodSymbol symbol = names.symbol(ref);
    TreePath path = symbol == null ? null : pathOf(symbol);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return Optional.empty();
    }
    List<Var> params = new ArrayList<>();
    for (VariableTree param : tree.getParameters()) {
      Var v = lowering.var(symbol(param));
      if (v == null) {
        return Optional.empty();
      }
      params.add(v);
    }
    return Optional.of(
        new MethodBody(
            lowering.lower(tree.getBody(), path.getCompilationUnit()), params, symbol.isVarArgs()));
  }

  @Override
  public List<Node> methodsOf(Node.ClassBody body) {
    return lowering.methodsOf(body);
  }

  @Override
  public Optional<Target> taskEntry(Node task) {
    Type taskType = Trees2.type((Tree) task.src().tree());
    if (taskType == null || !(taskType.tsym instanceof ClassSymbol cls)) {
      return Optional.empty();
    }
    Scope members = Trees2.members(cls);
    if (members == null) {
      return Optional.empty();
    }
    for (String name : List.of("run", "call")) {
      for (Symbol member : members.getSymbolsByName(cls.name.table.fromString(name))) {
        if (member instanceof MethodSymbol m
            && m.getParameters().isEmpty()
            && (m.flags() & Flags.ABSTRACT) == 0) {
          return lowering.target(m, taskType);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Target> implementation(Node.New created, String name, List<String> paramTypes) {
    Type type = Trees2.type((Tree) created.src().tree());
    if (type == null || !(type.tsym instanceof ClassSymbol cls)) {
      return Optional.empty();
    }
    // The nearest declaration up the superclass chain; an abstract one there means none runs.
    // Every method of the classes walked gets its ref, so summaries find the overrides that the
    // implementation's calls on this run (Summaries looks them up by ref).
    for (ClassSymbol c = cls; c != null; c = superclassOf(c)) {
      Scope members = Trees2.members(c);
      if (members == null) {
        return Optional.empty();
      }
      MethodSymbol declared = null;
      for (Symbol member : members.getSymbols(s -> s instanceof MethodSymbol)) {
        MethodSymbol m = (MethodSymbol) member;
        MethodRef ref = names.ref(m);
        if (!m.isStatic() && ref.name().equals(name) && ref.paramTypes().equals(paramTypes)) {
          declared = m;
        }
      }
      if (declared != null) {
        return (declared.flags() & Flags.ABSTRACT) == 0
            ? lowering.target(declared, type)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static ClassSymbol superclassOf(ClassSymbol c) {
    Type superclass = c.getSuperclass();
    return superclass != null && superclass.tsym instanceof ClassSymbol s ? s : null;
  }
}
