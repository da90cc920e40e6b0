/**
 * The Error Prone front end: {@code BugChecker}s that read javac trees into the analysis' facts and
 * turn its findings into Error Prone descriptions and suggested fixes.
 *
 * <p>{@link dev.lockstep.checker.JavacFacts} reads facts; {@link
 * dev.lockstep.checker.LockstepCompilation} keeps them, and the summaries, for one compilation; the
 * checks ({@link dev.lockstep.checker.SerialAwaitInLoop}) only connect the two to Error Prone.
 *
 * <p>The effective-parallelism facts are read by one class per concept, each with its twin in the
 * scanner's front end: pipelines ({@link dev.lockstep.checker.JavacPipelines}; {@code
 * JpPipelines}), their windows and semaphore gates ({@link dev.lockstep.checker.JavacWindows};
 * {@code JpWindows}), lock regions ({@link dev.lockstep.checker.JavacLockRegions}, built from the
 * calls {@link dev.lockstep.checker.JavacLockCalls} recognises; {@code JavaParserConcurrency}) and
 * the values all of them read ({@link dev.lockstep.checker.JavacValues}; {@code JpValues}).
 */
package dev.lockstep.checker;
