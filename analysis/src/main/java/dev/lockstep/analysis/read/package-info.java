/**
 * Readings of lowered bodies ({@code dev.lockstep.analysis.body}) into facts: the call sites of a
 * scope with their receivers ({@link CallReader}, {@link Receivers}), what a loop body writes and
 * how it is left ({@link LoopBodyReader}), and which loops are loops over items ({@link
 * LoopReader}). Written once for every front end: a front end lowers its syntax, these read it.
 */
package dev.lockstep.analysis.read;
