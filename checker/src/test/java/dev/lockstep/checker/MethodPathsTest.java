package dev.lockstep.checker;

import static com.google.common.truth.Truth.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** {@link MethodPaths} finds every method {@code TreePathScanner} does, with the same path. */
final class MethodPathsTest {

  private static final String SOURCE =
      """
      package test;
      import java.util.List;
      import java.util.concurrent.Callable;
      class Outer {
        Outer() {}
        void plain() {}
        static class Nested { int nested() { return 1; } }
        enum Kind { A { @Override int code() { return 1; } }; int code() { return 0; } }
        Callable<String> anonymous(List<String> ids) {
          ids.forEach(id -> new Runnable() { public void run() { id.trim(); } }.run());
          class Local { String local() { return "l"; } }
          return new Callable<>() { public String call() { return new Local().local(); } };
        }
        interface Api { void call(); default void twice() { call(); call(); } }
        record Point(int x) { Point { if (x < 0) throw new IllegalArgumentException(); } }
      }
      """;

  @Test
  void sameMethodsAndPathsAsTreePathScanner() throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    JavacTask task =
        (JavacTask)
            compiler.getTask(
                null,
                null,
                null,
                List.of("-proc:none"),
                null,
                List.of(
                    new SimpleJavaFileObject(
                        URI.create("string:///test/Outer.java"), SimpleJavaFileObject.Kind.SOURCE) {
                      @Override
                      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return SOURCE;
                      }
                    }));
    CompilationUnitTree unit = task.parse().iterator().next();
    task.analyze();
    Trees trees = Trees.instance(task);
    TreePath classPath =
        TreePath.getPath(
            unit,
            unit.getTypeDecls().stream().filter(t -> t instanceof ClassTree).findFirst().get());

    Map<MethodSymbol, TreePath> expected = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        if (trees.getElement(getCurrentPath()) instanceof MethodSymbol m) {
          expected.putIfAbsent(m, getCurrentPath());
        }
        return super.visitMethod(node, null);
      }
    }.scan(classPath, null);

    // Constructors, methods of nested, local and anonymous classes (in a lambda too), enum
    // constants' bodies, default methods; what javac adds without a tree (a record's accessor)
    // has no path.
    assertThat(expected.keySet().stream().map(m -> m.name.toString()).toList())
        .containsAtLeast("<init>", "plain", "nested", "code", "run", "call", "local", "twice");

    // The methods of member classes first: found from the members' lists, no body walked.
    MethodPaths found = MethodPaths.of(classPath);
    List<MethodSymbol> inMembers =
        expected.keySet().stream().filter(m -> !inBody(m.enclClass())).toList();
    assertThat(inMembers.stream().map(m -> m.name.toString()).toList())
        .containsAtLeast("<init>", "plain", "nested", "code", "twice");
    for (MethodSymbol m : inMembers) {
      assertThat(leaves(found.get(m))).isEqualTo(leaves(expected.get(m)));
    }
    assertThat(found.walkedBodies()).isFalse();

    // A local or anonymous class's method (an enum constant's body too) needs the walk.
    List<MethodSymbol> inBodies =
        expected.keySet().stream().filter(m -> inBody(m.enclClass())).toList();
    assertThat(inBodies.stream().map(m -> m.name.toString()).toList())
        .containsAtLeast("run", "call", "local", "code");
    for (MethodSymbol m : inBodies) {
      assertThat(leaves(found.get(m))).isEqualTo(leaves(expected.get(m)));
    }
    assertThat(found.walkedBodies()).isTrue();
  }

  /** A class declared in a body or an initialiser: anonymous or local, or inside one. */
  private static boolean inBody(ClassSymbol cls) {
    for (Symbol s = cls; s instanceof ClassSymbol c; s = s.owner) {
      if (c.isAnonymous() || c.isDirectlyOrIndirectlyLocal()) {
        return true;
      }
    }
    return false;
  }

  /** The nodes of a path from its leaf to the compilation unit, compared by identity. */
  private static List<Tree> leaves(TreePath path) {
    List<Tree> nodes = new ArrayList<>();
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      nodes.add(p.getLeaf());
    }
    return nodes;
  }
}
