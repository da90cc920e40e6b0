/**
 * {@code lockstep lsp}: a language server (Eclipse LSP4J over stdio) that publishes the scanner's
 * findings as diagnostics with their chains, re-analyses incrementally (ADR 0011) and offers code
 * actions: the {@code BoundedWindow} rewrite, {@code @Sequential}, {@code @SuppressWarnings}.
 */
package dev.lockstep.scanner.lsp;
