package dev.lockstep.scanner.cli;

import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.lsp.LspCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lockstep} command line: {@code scan} reports findings, {@code doc} writes the
 * concurrency map, {@code lsp} serves editors. Exit codes: 0 clean, 1 findings at or above {@code
 * --fail-on}, 2 usage or configuration error, 3 incomplete scan (files that could not be read or
 * analysed, or an internal error).
 */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    version = "lockstep 0.1.0",
    description = "Finds concurrency that costs time, from source alone.",
    subcommands = {ScanCommand.class, DocCommand.class, LspCommand.class})
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
    // --strict: an internal error ends the scan, loudly, with its stack trace. Without it, a
    // failure outside one file's analysis (which is that file's problem) ends it the same way:
    // exit 3, never 1 (which would read as "findings") and never a report that looks complete.
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> internalError(commandLine.getErr(), e));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      return cli.execute(args);
    } catch (Error e) { // picocli lets errors through
      return internalError(new PrintWriter(System.err, true, System.err.charset()), e);
    }
  }

  private static int internalError(PrintWriter err, Throwable e) {
    // A strict-mode failure's message names the file; anything else is shown with its class.
    err.println(
        "lockstep: internal error: "
            + (e instanceof FrontEnd.InternalFailure ? e.getMessage() : e.toString()));
    e.printStackTrace(err);
    err.flush();
    return INCOMPLETE;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
