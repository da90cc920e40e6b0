package dev.lockstep.checker;

import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.WaitFreeBodies;
import dev.lockstep.classfiles.ClassFileFacts;

/**
 * The bodies the summaries need not read for their chains (ADR 0029). A method of the sources: when
 * the test on symbols ({@link StatementsThatMayWait}, counting every tag a verdict waits with)
 * finds no call in it, or in the bodies it may run within the budget, that may wait: a scan of its
 * trees instead of lowering it. A library method: when an earlier build with this class path (or
 * this one) found, reading it within as many bodies or more, that it reaches no wait: a lookup
 * instead of decoding its facts and its callees'. Only what the summaries found is kept: asking
 * each library method on its own would read deeper than the build does.
 */
final class JavacWaitFreeBodies implements WaitFreeBodies {
  /**
   * The kept questions, by budget: the method, run as its own class, reaches no wait within that
   * many bodies. A library method is read at the budget left when a chain reaches it, and asked
   * again at that budget by the next build.
   */
  private final String[] questions;

  private final JavacFacts facts;
  private StatementsThatMayWait sources;
  private final ClassFileFacts library;
  private final int maxDepth;

  /**
   * @param library the library facts and their kept answers; null when class files are not read
   */
  JavacWaitFreeBodies(JavacFacts facts, ClassFileFacts library, int maxDepth) {
    this.facts = facts;
    this.library = library;
    this.maxDepth = maxDepth;
    this.questions = new String[maxDepth + 1];
    for (int b = 1; b <= maxDepth; b++) {
      questions[b] = "waitFree " + b + " " + TAGS.stream().sorted().toList();
    }
  }

  /**
   * The test for methods of the sources: made after the summaries this serves, since it asks them
   * about library methods. Until then every body of the sources is read.
   */
  void testSourcesWith(StatementsThatMayWait test) {
    this.sources = test;
  }

  @Override
  public boolean cannotWaitWithin(MethodRef method, int budget) {
    MethodSymbol symbol = facts.names().symbol(method);
    if (symbol != null && facts.pathOf(symbol) != null) {
      return sources != null && !sources.mayWaitWithin(symbol, budget);
    }
    if (library == null || budget < 1) {
      return false;
    }
    // Wait-free within a budget is wait-free within any smaller one.
    for (int b = Math.min(budget, maxDepth); b <= maxDepth; b++) {
      if (library.answeredYes(method, questions[b])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void found(MethodRef method, int budget, boolean waitFree) {
    if (library == null || budget < 1 || budget > maxDepth || !waitFree) {
      return; // a "no" saves nothing
    }
    MethodSymbol symbol = facts.names().symbol(method);
    if (symbol == null || facts.pathOf(symbol) == null) {
      library.keepAnswer(method, questions[budget], true);
    }
  }
}
