package dev.lockstep.scanner.lsp;

import java.io.PrintStream;

/**
 * The server's log: standard error, always. Standard output carries the protocol, and one stray
 * line there breaks the client's framing.
 */
final class Log {
  private static final PrintStream ERR = System.err;

  private Log() {}

  static void info(String message) {
    ERR.println("lockstep lsp: " + message);
    ERR.flush();
  }

  static void error(String message, Throwable e) {
    ERR.println("lockstep lsp: " + message + ": " + e);
    e.printStackTrace(ERR);
    ERR.flush();
  }
}
