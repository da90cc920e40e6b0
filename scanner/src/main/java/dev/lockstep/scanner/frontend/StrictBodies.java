package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.resolution.MethodAmbiguityException;
import com.github.javaparser.resolution.UnsolvedSymbolException;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.Optional;

/**
 * Strict mode for the method bodies summaries read. {@link JavaParserFacts#factsFor} turns an
 * exception while reading a body into "no facts", and a body without facts is judged like a library
 * method: a wait inside it is silently not seen. In strict mode a body that is in the sources, has
 * a block to read and still comes back without facts fails the scan, naming the method.
 *
 * <p>(The exception itself is not rethrown because {@code JavaParserFacts} keeps it; this checks
 * the outcome, which is what a swallowed exception leaves behind.)
 */
final class StrictBodies implements FactsSource {
  private final FactsSource bodies;
  private final JpNames names;

  StrictBodies(FactsSource bodies, JpNames names) {
    this.bodies = bodies;
    this.names = names;
  }

  @Override
  public Optional<MethodFacts> factsFor(MethodRef method) {
    Optional<MethodFacts> facts = bodies.factsFor(method);
    if (facts.isEmpty() && readable(names.body(method).orElse(null))) {
      throw new FrontEnd.InternalFailure(
          "the body of "
              + method
              + " is in the sources but could not be read: an exception was swallowed while"
              + " reading it (strict mode)",
          null);
    }
    return facts;
  }

  /** Whether the front end reads facts off this declaration: it has a body. */
  static boolean readable(CallableDeclaration<?> decl) {
    return decl instanceof ConstructorDeclaration
        || (decl instanceof MethodDeclaration m && m.getBody().isPresent() && !m.isAbstract());
  }

  /**
   * Whether {@code e} is the symbol solver not resolving something (a missing jar, a construct it
   * does not support), which the scanner takes as "unknown" in strict mode too; anything else is a
   * bug.
   */
  static boolean resolutionFailure(Throwable e) {
    return e instanceof UnsolvedSymbolException
        || e instanceof MethodAmbiguityException
        || e instanceof UnsupportedOperationException;
  }
}
