package dev.lockstep.checker;

import com.google.errorprone.ErrorProneFlags;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueException;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.finding.Checks;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link LockstepConfig} read from Error Prone flags, once per check instance (NullAway's {@code
 * ErrorProneCLIFlagsConfig} style).
 *
 * <table>
 *   <caption>Flags</caption>
 *   <tr><th>flag</th><th>meaning</th></tr>
 *   <tr><td>{@code -XepOpt:Lockstep:CatalogueFile=path}</td>
 *       <td>extra catalogue entries, after the built-in ones</td></tr>
 *   <tr><td>{@code -XepOpt:SerialAwaitInLoop:MaxDepth=n}</td>
 *       <td>method bodies deep to follow calls (default 6)</td></tr>
 *   <tr><td>{@code -XepOpt:SerialAwaitInLoop:Window=k}</td>
 *       <td>the window suggested (default 5)</td></tr>
 * </table>
 *
 * <p>A bad value never throws out of javac: it is kept as {@link #error()} and the check reports it
 * once per compilation as an error diagnostic naming the flag (and the file and line).
 */
final class ErrorProneLockstepConfig {
  static final String CATALOGUE_FILE = "Lockstep:CatalogueFile";
  static final String MAX_DEPTH = "SerialAwaitInLoop:MaxDepth";
  static final String WINDOW = "SerialAwaitInLoop:Window";

  private final LockstepConfig config;
  private final Optional<String> error;

  private ErrorProneLockstepConfig(LockstepConfig config, Optional<String> error) {
    this.config = config;
    this.error = error;
  }

  static ErrorProneLockstepConfig defaults() {
    return new ErrorProneLockstepConfig(LockstepConfig.defaults(), Optional.empty());
  }

  static ErrorProneLockstepConfig from(ErrorProneFlags flags) {
    Catalogue catalogue = Catalogue.builtin();
    int maxDepth = LockstepConfig.DEFAULT_MAX_DEPTH;
    int window = LockstepConfig.DEFAULT_WINDOW;
    try {
      Optional<String> file = flags.get(CATALOGUE_FILE);
      if (file.isPresent()) {
        catalogue = catalogue.plus(Catalogue.load(Path.of(file.orElseThrow())));
      }
      maxDepth = positiveInt(flags, MAX_DEPTH, maxDepth, 0);
      window = positiveInt(flags, WINDOW, window, 1);
    } catch (CatalogueException | IllegalArgumentException e) {
      return new ErrorProneLockstepConfig(
          LockstepConfig.defaults(),
          Optional.of(
              "Lockstep configuration error: "
                  + e.getMessage()
                  + " (see "
                  + Checks.SERIAL_AWAIT_IN_LOOP_LINK
                  + "#flags)"));
    }
    return new ErrorProneLockstepConfig(
        LockstepConfig.of(catalogue, maxDepth, window), Optional.empty());
  }

  /**
   * The options of an effective-parallelism check ({@code FakeConcurrency}, {@code
   * OversizedWindow}): {@code -XepOpt:<check>:MaxDepth} and {@code -XepOpt:<check>:Cores} (the
   * processors a parallel stream or the common pool uses; default {@value
   * LockstepConfig#DEFAULT_CORES}, not the compiling machine's, so builds are reproducible).
   */
  static ErrorProneLockstepConfig forParallelism(ErrorProneFlags flags, String check) {
    Catalogue catalogue = Catalogue.builtin();
    int maxDepth = LockstepConfig.DEFAULT_MAX_DEPTH;
    int cores = LockstepConfig.DEFAULT_CORES;
    try {
      Optional<String> file = flags.get(CATALOGUE_FILE);
      if (file.isPresent()) {
        catalogue = catalogue.plus(Catalogue.load(Path.of(file.orElseThrow())));
      }
      maxDepth = positiveInt(flags, check + ":MaxDepth", maxDepth, 0);
      cores = positiveInt(flags, check + ":Cores", cores, 1);
    } catch (CatalogueException | IllegalArgumentException e) {
      return new ErrorProneLockstepConfig(
          LockstepConfig.defaults(),
          Optional.of(
              "Lockstep configuration error: "
                  + e.getMessage()
                  + " (see "
                  + Checks.docLink(check)
                  + "#flags)"));
    }
    return new ErrorProneLockstepConfig(
        LockstepConfig.of(catalogue, maxDepth, LockstepConfig.DEFAULT_WINDOW, cores),
        Optional.empty());
  }

  private static int positiveInt(ErrorProneFlags flags, String name, int fallback, int min) {
    Optional<String> text = flags.get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text.orElseThrow().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-XepOpt:" + name + " must be an integer, got '" + text.orElseThrow() + "'", e);
    }
    if (value < min) {
      throw new IllegalArgumentException(
          "-XepOpt:" + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  LockstepConfig config() {
    return config;
  }

  /** The configuration problem to report, if any. */
  Optional<String> error() {
    return error;
  }
}
