package dev.lockstep.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueException;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.finding.Checks;
import java.lang.ref.WeakReference;
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

  /**
   * This config's state in the compilation {@code state} belongs to ({@link
   * LockstepCompilation#of}). Every call of a check asks, and finding it in javac's context was a
   * twentieth of the fan-out checks' time: the last one is kept, weakly, so that a finished
   * compilation is not held.
   */
  @SuppressWarnings("ReferenceEquality") // one javac context per compilation
  LockstepCompilation compilation(VisitorState state) {
    Last known = last;
    if (known != null && known.context().get() == state.context) {
      LockstepCompilation compilation = known.compilation().get();
      if (compilation != null) {
        return compilation;
      }
    }
    LockstepCompilation compilation = LockstepCompilation.of(state, config);
    last = new Last(new WeakReference<>(state.context), new WeakReference<>(compilation));
    return compilation;
  }

  private volatile Last last;

  private record Last(
      WeakReference<Context> context, WeakReference<LockstepCompilation> compilation) {}

  static ErrorProneLockstepConfig defaults() {
    return new ErrorProneLockstepConfig(LockstepConfig.defaults(), Optional.empty());
  }

  static ErrorProneLockstepConfig from(ErrorProneFlags flags) {
    return read(
        flags,
        Checks.SERIAL_AWAIT_IN_LOOP,
        catalogue ->
            LockstepConfig.of(
                catalogue,
                positiveInt(flags, MAX_DEPTH, LockstepConfig.DEFAULT_MAX_DEPTH, 0),
                positiveInt(flags, WINDOW, LockstepConfig.DEFAULT_WINDOW, 1)));
  }

  /**
   * The options of an effective-parallelism check ({@code FakeConcurrency}, {@code
   * OversizedWindow}): {@code -XepOpt:<check>:MaxDepth} and {@code -XepOpt:<check>:Cores} (the
   * processors a parallel stream or the common pool uses; default {@value
   * LockstepConfig#DEFAULT_CORES}, not the compiling machine's, so builds are reproducible).
   */
  static ErrorProneLockstepConfig forParallelism(ErrorProneFlags flags, String check) {
    return read(
        flags,
        check,
        catalogue ->
            LockstepConfig.of(
                catalogue,
                positiveInt(flags, check + ":MaxDepth", LockstepConfig.DEFAULT_MAX_DEPTH, 0),
                LockstepConfig.DEFAULT_WINDOW,
                positiveInt(flags, check + ":Cores", LockstepConfig.DEFAULT_CORES, 1)));
  }

  /**
   * The options of a fan-out check ({@code SerialFanOut}, {@code UnboundedFanOut}, {@code
   * BlockingOnCommonPool}): {@code -XepOpt:<check>:MaxDepth} and {@code -XepOpt:<check>:Cores}
   * (they defer to the effective-parallelism verdict on the same tasks), and the window their
   * messages suggest, {@code -XepOpt:SerialAwaitInLoop:Window}, the one window flag.
   */
  static ErrorProneLockstepConfig forFanOut(ErrorProneFlags flags, String check) {
    return read(
        flags,
        check,
        catalogue ->
            LockstepConfig.of(
                catalogue,
                positiveInt(flags, check + ":MaxDepth", LockstepConfig.DEFAULT_MAX_DEPTH, 0),
                positiveInt(flags, WINDOW, LockstepConfig.DEFAULT_WINDOW, 1),
                positiveInt(flags, check + ":Cores", LockstepConfig.DEFAULT_CORES, 1)));
  }

  /** The check's own options, read after the shared catalogue flag; may throw on a bad value. */
  private interface Options {
    LockstepConfig read(Catalogue catalogue);
  }

  private static ErrorProneLockstepConfig read(
      ErrorProneFlags flags, String check, Options options) {
    try {
      Catalogue catalogue = Catalogue.builtin();
      Optional<String> file = flags.get(CATALOGUE_FILE);
      if (file.isPresent()) {
        catalogue = catalogue.plus(Catalogue.load(Path.of(file.orElseThrow())));
      }
      return new ErrorProneLockstepConfig(options.read(catalogue), Optional.empty());
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
