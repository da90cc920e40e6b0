/**
 * What Lockstep's checks cost a build: real projects' sources, read into memory once, compiled by
 * javac in this JVM as plain javac, javac + Error Prone's default checks, and javac + Error Prone +
 * every Lockstep check, interleaved, with medians, spreads and ratios printed as Markdown.
 *
 * <p>{@link dev.lockstep.benchmarks.compile.CompileOverhead} is the command line; {@link
 * dev.lockstep.benchmarks.compile.Workload} is the extension point for other tools over the same
 * corpus (the scanner, with and without symbol resolution).
 */
package dev.lockstep.benchmarks.compile;
