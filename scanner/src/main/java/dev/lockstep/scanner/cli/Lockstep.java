package dev.lockstep.scanner.cli;

import dev.lockstep.scanner.frontend.FrontEnd;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lockstep} command line: {@code scan} reports findings, {@code doc} writes the
 * concurrency map. Exit codes: 0 clean, 1 findings at or above {@code --fail-on}, 2 usage or
 * configuration error, 3 incomplete scan (files that could not be analysed; with {@code --strict},
 * an internal error).
 */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    version = "lockstep 0.1.0",
    description = "Finds concurrency that costs time, from source alone.",
    subcommands = {ScanCommand.class, DocCommand.class})
public final class Lockstep implements Runnable {
  public static final int CLEAN = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INCOMPLETE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: scan or doc");
  }

  /** Runs the CLI and returns its exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Lockstep());
    // Bad options are usage errors (2); a crash means the scan did not complete (3).
    cli.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? USAGE : INCOMPLETE);
    // --strict: an internal error ends the scan, loudly, with its stack trace.
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (!(e instanceof FrontEnd.InternalFailure)) {
            throw e;
          }
          commandLine.getErr().println("lockstep: internal error: " + e.getMessage());
          e.printStackTrace(commandLine.getErr());
          commandLine.getErr().flush();
          return INCOMPLETE;
        });
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
