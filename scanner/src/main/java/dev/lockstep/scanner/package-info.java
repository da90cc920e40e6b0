/**
 * The JavaParser front end and the {@code lockstep} CLI: the same facts as the checker read from
 * source alone, the same rules, and report writers for text, JSON, SARIF, checkstyle and Markdown.
 */
package dev.lockstep.scanner;
