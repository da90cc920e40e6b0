package dev.lockstep.checker;

import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCatch;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCEnhancedForLoop;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.tree.JCTree.JCLambda;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCSynchronized;
import com.sun.tools.javac.tree.JCTree.JCTry;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.util.Name;
import dev.lockstep.analysis.facts.LockCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one walk of a method's body finds without asking a symbol, for the syntactic tests two
 * checks run on every method before they read it: the runs of statements SerialFanOut's reader may
 * find ({@link #runs}), and whether the body takes a lock ({@link #takesALock}),
 * LockHeldAcrossWait's test. Each test walked every body on its own, and on connect-runtime the two
 * walks were an eighth of Lockstep's time; Error Prone runs both checks on a method one after the
 * other, so the second takes the first's walk ({@link JavacFacts#bodySyntax}).
 *
 * @param runs the runs {@code StraightLineReader} may find, each as the list of its statements that
 *     make a call (two or more). A run is what follows one another in a block with no control flow
 *     between: declarations, expression statements, a {@code return} (which ends it). A branch,
 *     loop, {@code try}, {@code switch}, {@code throw} or {@code break} in between ends it, as in
 *     the reader, and the blocks the reader does not read hold none: lambdas' and classes' bodies,
 *     {@code catch}, {@code finally} and {@code synchronized} blocks, the bodies of loops over
 *     items ({@code for (X x : xs)}; indexed and iterator loops are read, as the reader may). A
 *     statement that makes no call ({@code int n = 2;}) does not end a run.
 * @param declarations every variable the body declares, in source order: the pre-test asks which
 *     locals were allocated
 * @param takesALock whether the body has a {@code synchronized} block or calls a method named like
 *     one that takes a lock on a receiver ({@code lock.lock()}, {@code permits.acquire()}, a timed
 *     {@code tryLock}), in it or in its lambdas and local classes. Without either the method holds
 *     no lock but its own monitor, and LockHeldAcrossWait reads it no further.
 */
record BodySyntax(
    List<List<StatementTree>> runs, List<VariableTree> declarations, boolean takesALock) {

  /** The names of the calls that take a lock: untimed and timed. */
  private static final NameSet ACQUIRING =
      new NameSet(
          Stream.concat(LockCalls.ACQUIRES.stream(), LockCalls.TIMED_ACQUIRES.stream())
              .collect(Collectors.toUnmodifiableSet()));

  /** Walks {@code body} once; a tree javac did not make has nothing. */
  static BodySyntax of(Tree body) {
    Walk walk = new Walk();
    if (body instanceof JCTree jc) {
      walk.scan(jc);
    }
    return new BodySyntax(List.copyOf(walk.runs), List.copyOf(walk.declarations), walk.locks);
  }

  private static final class Walk extends TreeScanner {
    final List<List<StatementTree>> runs = new ArrayList<>();
    final List<VariableTree> declarations = new ArrayList<>();
    boolean locks;

    /** How many blocks around the walk the reader does not read: inside one, no run is kept. */
    private int unread;

    /** Whether the walk met a call since {@link #visitBlock} last asked of one statement. */
    private boolean calls;

    @Override
    public void visitVarDef(JCVariableDecl node) {
      declarations.add(node);
      super.visitVarDef(node);
    }

    /** The lock calls' names in the compilation's table, from the first call on a receiver. */
    private Name[] acquiring;

    @Override
    public void visitApply(JCMethodInvocation node) {
      calls = true;
      if (node.meth instanceof JCFieldAccess select) {
        if (acquiring == null) {
          acquiring = ACQUIRING.in(select.name.table);
        }
        locks |= NameSet.among(select.name, acquiring);
      }
      super.visitApply(node);
    }

    @Override
    public void visitNewClass(JCNewClass node) {
      calls = true;
      super.visitNewClass(node);
    }

    @Override
    public void visitReference(JCMemberReference node) {
      calls = true;
      super.visitReference(node);
    }

    @Override
    public void visitLambda(JCLambda node) {
      unread++;
      super.visitLambda(node);
      unread--;
    }

    @Override
    public void visitClassDef(JCClassDecl node) {
      unread++;
      super.visitClassDef(node);
      unread--;
    }

    @Override
    public void visitSynchronized(JCSynchronized node) {
      locks = true;
      unread++;
      super.visitSynchronized(node);
      unread--;
    }

    @Override
    public void visitForeachLoop(JCEnhancedForLoop node) {
      scan(node.var);
      scan(node.expr);
      unread(node.body);
    }

    @Override
    public void visitTry(JCTry node) {
      scan(node.resources);
      scan(node.body);
      for (JCCatch c : node.catchers) {
        unread(c);
      }
      unread(node.finalizer);
    }

    /** Scans a child the reader does not read (a catch, a loop's body): no run is kept in it. */
    private void unread(JCTree tree) {
      unread++;
      scan(tree);
      unread--;
    }

    @Override
    public void visitBlock(JCBlock block) {
      if (unread > 0) {
        super.visitBlock(block);
        return;
      }
      List<StatementTree> run = new ArrayList<>();
      for (JCStatement statement : block.stats) {
        boolean before = calls;
        calls = false;
        scan(statement);
        boolean calling = calls;
        calls = before || calling;
        StatementTree s = unlabeled(statement);
        if (s instanceof EmptyStatementTree) {
          continue; // not lowered: no statement at all
        }
        if (!simple(s)) {
          close(run);
          continue;
        }
        if (calling) {
          run.add(statement);
        }
        if (s instanceof ReturnTree) {
          close(run);
        }
      }
      close(run);
    }

    private void close(List<StatementTree> run) {
      if (run.size() >= 2) {
        runs.add(List.copyOf(run));
      }
      run.clear();
    }
  }

  private static StatementTree unlabeled(StatementTree statement) {
    StatementTree s = statement;
    while (s instanceof LabeledStatementTree labeled) {
      s = labeled.getStatement();
    }
    return s;
  }

  /**
   * A statement the reader keeps in a run: a declaration, an expression statement (a call, a {@code
   * new}, an assignment, an increment: all Java allows there) or a {@code return}.
   */
  private static boolean simple(StatementTree statement) {
    return statement instanceof VariableTree
        || statement instanceof ExpressionStatementTree
        || statement instanceof ReturnTree;
  }
}
