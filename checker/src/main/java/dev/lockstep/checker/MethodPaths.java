package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path of every method declared in a top-level class (its nested, local and anonymous classes
 * included). The methods of the class and of its member classes come from their lists of members
 * alone; only a method of a local or anonymous class needs a walk through the bodies, done once,
 * the first time one is asked. On jackson-databind the walk of every body of every class a pre-test
 * reached was an eighth of Lockstep's time, for the methods of member classes nearly all of them
 * asked. The paths are the ones {@code TreePathScanner} would give.
 */
final class MethodPaths {
  private final TreePath classPath;
  private final Map<MethodSymbol, TreePath> members = new HashMap<>();

  /** Every method's path, walked when a local or anonymous class's method is first asked. */
  private Map<MethodSymbol, TreePath> everywhere;

  private MethodPaths(TreePath classPath) {
    this.classPath = classPath;
  }

  /** The methods of the top-level class at {@code classPath}. */
  static MethodPaths of(TreePath classPath) {
    MethodPaths paths = new MethodPaths(classPath);
    paths.indexMembers(classPath);
    return paths;
  }

  /** The path of {@code method}'s declaration, or null when the class declares no such tree. */
  TreePath get(MethodSymbol method) {
    if (memberClass(method.enclClass())) {
      return members.get(method);
    }
    if (everywhere == null) {
      everywhere = Walk.of(classPath);
    }
    return everywhere.get(method);
  }

  /** Whether the body walk has been needed; for tests. */
  boolean walkedBodies() {
    return everywhere != null;
  }

  private void indexMembers(TreePath cls) {
    if (!(cls.getLeaf() instanceof ClassTree tree)) {
      return;
    }
    for (Tree member : tree.getMembers()) {
      if (member instanceof MethodTree && symbol(member) instanceof MethodSymbol method) {
        members.putIfAbsent(method, new TreePath(cls, member));
      } else if (member instanceof ClassTree) {
        indexMembers(new TreePath(cls, member));
      }
    }
  }

  /**
   * Whether a class is the top-level class or a member of one, at every level: then its methods'
   * trees are among the members of the classes around it.
   */
  private static boolean memberClass(ClassSymbol cls) {
    Symbol s = cls;
    while (s != null && !(s.owner instanceof PackageSymbol)) {
      if (!(s instanceof ClassSymbol c) || c.isAnonymous() || !(c.owner instanceof ClassSymbol)) {
        return false;
      }
      s = s.owner;
    }
    return s instanceof ClassSymbol c && !c.isAnonymous();
  }

  /**
   * One walk of a class and its bodies that keeps the nodes above the current one and makes paths
   * only for the ancestors of methods, sharing them between siblings.
   */
  private static final class Walk extends TreeScanner<Void, Void> {
    private final TreePath root;
    private final List<Tree> trees = new ArrayList<>();
    private final List<TreePath> paths = new ArrayList<>();
    private final Map<MethodSymbol, TreePath> found = new HashMap<>();

    private Walk(TreePath classPath) {
      this.root = classPath.getParentPath();
    }

    static Map<MethodSymbol, TreePath> of(TreePath classPath) {
      Walk walk = new Walk(classPath);
      walk.scan(classPath.getLeaf(), null);
      return walk.found;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree == null) {
        return null;
      }
      trees.add(tree);
      paths.add(null);
      try {
        return super.scan(tree, null);
      } finally {
        trees.remove(trees.size() - 1);
        paths.remove(paths.size() - 1);
      }
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      if (symbol(node) instanceof MethodSymbol method) {
        found.putIfAbsent(method, current());
      }
      return super.visitMethod(node, null);
    }

    /** The path of the node being visited: made from the nearest ancestor that has one. */
    private TreePath current() {
      int last = trees.size() - 1;
      int known = last;
      while (known >= 0 && paths.get(known) == null) {
        known--;
      }
      TreePath path = known >= 0 ? paths.get(known) : root;
      for (int i = known + 1; i <= last; i++) {
        path = new TreePath(path, trees.get(i));
        paths.set(i, path);
      }
      return path;
    }
  }
}
