/**
 * The Error Prone front end: {@code BugChecker}s that read javac trees into the analysis' facts and
 * turn its findings into Error Prone descriptions and suggested fixes.
 *
 * <p>{@link dev.lockstep.checker.JavacFacts} reads facts; {@link
 * dev.lockstep.checker.LockstepCompilation} keeps them, and the summaries, for one compilation; the
 * checks ({@link dev.lockstep.checker.SerialAwaitInLoop}) only connect the two to Error Prone.
 *
 * <p>Every semantic reading of a method body lives in {@code dev.lockstep.analysis.read}, shared
 * with the scanner: {@link dev.lockstep.checker.JavacLowering} lowers javac trees into the body
 * representation, and {@link dev.lockstep.checker.JavacDeclarations} answers what only javac can
 * find (a field's initialiser, a helper's body, the method a task object runs).
 */
package dev.lockstep.checker;
