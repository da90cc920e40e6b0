package dev.lockstep.benchmarks.compile;

/**
 * One tool run over one project: the unit the harness times. The javac variants are {@link
 * JavacWorkload}s.
 *
 * <p>This is the extension point for the scanner: a {@code ScannerWorkload} that parses {@link
 * Corpus#sources()} with JavaParser (with and without symbol resolution against {@link
 * Corpus#classpath()}) is measured, interleaved and tabulated exactly like javac once it is added
 * to {@link CompileOverhead#workloads}; lines per second come out of the same table.
 */
public interface Workload {
  /** The short name used on the command line and in tables, e.g. {@code lockstep}. */
  String name();

  /**
   * Runs once over {@code corpus}. Everything that should not be timed (reading sources, finding
   * plugins) happens before; an implementation must not keep state from one run to the next that a
   * real build would not have.
   */
  Outcome run(Corpus corpus);
}
