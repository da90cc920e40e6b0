/**
 * The body representation: method bodies as a small, front-end-neutral tree ({@link Node}) that
 * javac trees, JavaParser nodes and (later) class files are lowered into. Every semantic reading of
 * a body — call sites and their receivers, loops, writes and exits, lock regions, pipelines — is
 * written once over it (in {@code dev.lockstep.analysis.read}); a front end only lowers its syntax
 * and answers name and symbol questions through {@link Src}, {@link Var}, {@link JType} and {@link
 * Target}, lazily, so the scanner resolves a call only when a reading asks for it.
 *
 * <p>Nodes are records for pattern matching, but every node's first component is its {@link Src},
 * which compares by identity: two nodes are equal only when they are the same node. Maps keyed by
 * nodes should still be {@link java.util.IdentityHashMap}s, which never walk the components.
 */
package dev.lockstep.analysis.body;
