/**
 * Benchmarks of {@code BoundedWindow} against what users would pick instead: {@link
 * dev.lockstep.benchmarks.window.LatencyBenchmark} (latency-bound, a main), {@link
 * dev.lockstep.benchmarks.window.OverheadBenchmark} (overhead-bound, JMH) and {@link
 * dev.lockstep.benchmarks.window.MemoryBenchmark} (peak heap over a lazy input, a main). See {@code
 * benchmarks/README.md} for how to run them.
 */
package dev.lockstep.benchmarks.window;
