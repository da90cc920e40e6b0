package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path of every method declared in a top-level class (its nested, local and anonymous classes
 * included), from one walk of the class. A {@code TreePathScanner} makes a path for every node it
 * visits; this walk keeps the nodes above the current one and makes paths only for the ancestors of
 * methods, sharing them between siblings: on jackson-databind the paths of every node were a tenth
 * of the pre-test's cost. The paths are the ones {@code TreePathScanner} would give.
 */
final class MethodPaths extends TreeScanner<Void, Void> {
  private final TreePath root;
  private final List<Tree> trees = new ArrayList<>();
  private final List<TreePath> paths = new ArrayList<>();
  private final Map<MethodSymbol, TreePath> found = new HashMap<>();

  private MethodPaths(TreePath classPath) {
    this.root = classPath.getParentPath();
  }

  /** The methods of the class at {@code classPath}, each with its path. */
  static Map<MethodSymbol, TreePath> of(TreePath classPath) {
    MethodPaths walk = new MethodPaths(classPath);
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
