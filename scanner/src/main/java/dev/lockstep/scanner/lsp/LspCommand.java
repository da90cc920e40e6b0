package dev.lockstep.scanner.lsp;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import picocli.CommandLine.Command;

/**
 * {@code lockstep lsp}: the language server over standard input and output. Standard output is the
 * protocol's alone: {@code System.out} is pointed at standard error first, so no stray print can
 * break the framing.
 */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    description =
        "Run the language server over stdin/stdout (for editors; see src/docs/editors.md).")
public final class LspCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    InputStream in = System.in;
    PrintStream out = System.out;
    System.setOut(System.err);
    return serve(in, out);
  }

  /** Serves one client until it sends {@code exit} or closes the stream; returns the exit code. */
  public static int serve(InputStream in, java.io.OutputStream out) throws InterruptedException {
    LockstepLanguageServer server = new LockstepLanguageServer();
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    CompletableFuture<Object> closed =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return listening.get();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
              } catch (ExecutionException e) {
                return null;
              }
            });
    try {
      Object first = CompletableFuture.anyOf(server.exited(), closed).get();
      listening.cancel(true);
      // exit → its code; the stream closed without exit → 1, as the protocol says
      return first instanceof Integer code ? code : 1;
    } catch (ExecutionException e) {
      return 1;
    }
  }
}
