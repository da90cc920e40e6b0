package dev.lockstep.benchmarks.compile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One run's times, in seconds, in each {@link Metric}.
 *
 * @param wall elapsed time
 * @param threadCpu CPU time of the calling thread, which is the thread javac compiles on ({@code
 *     JavaCompiler.CompilationTask.call()} runs the whole compilation, plugins included, on it)
 * @param processCpu CPU time of the whole JVM, GC and JIT threads included
 */
public record RunTime(double wall, double threadCpu, double processCpu) {

  /** This run's time in {@code metric}. */
  public double in(Metric metric) {
    return switch (metric) {
      case WALL -> wall;
      case THREAD_CPU -> threadCpu;
      case PROCESS_CPU -> processCpu;
    };
  }

  /** Starts timing on the calling thread; the work must run on this same thread. */
  public static Stopwatch start() {
    return new Stopwatch();
  }

  /** Reads the three clocks at the start and, on {@link #stop()}, again. */
  public static final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart;
    private final long threadStart;
    private final long processStart;

    private Stopwatch() {
      if (!THREADS.isCurrentThreadCpuTimeSupported()) {
        throw new UnsupportedOperationException("this JVM cannot measure a thread's CPU time");
      }
      // Cheapest last, so that reading the other clocks is not counted in the wall time.
      processStart = PROCESS.getProcessCpuTime();
      threadStart = THREADS.getCurrentThreadCpuTime();
      wallStart = System.nanoTime();
    }

    /** The times since {@link RunTime#start()}. */
    public RunTime stop() {
      long wallEnd = System.nanoTime();
      long threadEnd = THREADS.getCurrentThreadCpuTime();
      long processEnd = PROCESS.getProcessCpuTime();
      return new RunTime(
          (wallEnd - wallStart) / 1e9,
          (threadEnd - threadStart) / 1e9,
          (processEnd - processStart) / 1e9);
    }
  }
}
