/**
 * The Error Prone front end: {@code BugChecker}s that read javac trees into the analysis' facts and
 * turn its findings into Error Prone descriptions and suggested fixes.
 */
package dev.lockstep.checker;
