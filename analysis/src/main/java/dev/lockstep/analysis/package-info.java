/**
 * The front-end-neutral analysis: facts read off one method, summaries computed over the call
 * graph, rules that judge them, and findings every writer renders the same way.
 *
 * <p>Nothing here touches javac or JavaParser types, so the Error Prone checker and the scanner
 * give the same findings on the same source. {@code src/docs/architecture.md} describes the
 * pipeline from source to finding.
 */
package dev.lockstep.analysis;
