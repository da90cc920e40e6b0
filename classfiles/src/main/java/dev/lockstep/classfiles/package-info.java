/**
 * The class-file front end: {@link dev.lockstep.analysis.facts.MethodFacts} of library methods
 * (dependency jars and class directories, never the JDK) read from their bytecode with ASM, for the
 * summaries of both front ends ({@link ClassFileFacts}). Bytecode has no syntax, so facts are read
 * directly rather than through the lowered body ({@code analysis/body}); see ADR 0008.
 */
package dev.lockstep.classfiles;
