/**
 * {@code BoundedWindow}: run a function over many independent items with at most {@code k} calls in
 * flight — the Java twin of Rust's {@code buffered(k)} and {@code buffer_unordered(k)}, and the fix
 * Lockstep's checks suggest.
 */
package dev.lockstep.window;
