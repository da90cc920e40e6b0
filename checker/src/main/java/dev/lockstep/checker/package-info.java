/**
 * The Error Prone front end: {@code BugChecker}s that read javac trees into the analysis' facts and
 * turn its findings into Error Prone descriptions and suggested fixes.
 *
 * <p>{@link dev.lockstep.checker.JavacFacts} reads facts; {@link
 * dev.lockstep.checker.LockstepCompilation} keeps them, and the summaries, for one compilation; the
 * checks ({@link dev.lockstep.checker.SerialAwaitInLoop}) only connect the two to Error Prone.
 */
package dev.lockstep.checker;
