package dev.lockstep.scanner.lsp;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real LSP client in-process: the server runs {@link LspCommand#serve} on one end of two pipes,
 * LSP4J's client launcher on the other, so every message goes through JSON-RPC as with an editor.
 * Published diagnostics are queued per document, in arrival order.
 */
final class LspClient implements LanguageClient, AutoCloseable {
  static final long TIMEOUT_SECONDS = 120;

  private final Map<String, BlockingQueue<PublishDiagnosticsParams>> published =
      new ConcurrentHashMap<>();
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
  private final Future<Integer> serverExit;
  private final LanguageServer server;
  private final Socket clientEnd;
  private final Socket serverEnd;

  LspClient() throws IOException {
    // A loopback socket, as an editor may connect, not java.io's piped streams: a PipedInputStream
    // fails its reader ("Write end dead", "Pipe broken") once the last thread that wrote to it has
    // ended, and the server writes from whichever thread answers or publishes (its analysis thread
    // is stopped on shutdown). The client's reader could so die before the answer to its shutdown
    // request came: a test timed out so in one fresh-clone CI run of four, 2026-12-07. NIO pipes
    // are no better: an interrupt of a thread writing to one closes it.
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
      clientEnd = new Socket(loopback, listener.getLocalPort());
      serverEnd = listener.accept();
    }
    var serverIn = serverEnd.getInputStream();
    var serverOut = serverEnd.getOutputStream();
    var clientIn = clientEnd.getInputStream();
    var clientOut = clientEnd.getOutputStream();
    serverExit = serverThread.submit(() -> LspCommand.serve(serverIn, serverOut));
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this, clientIn, clientOut);
    var unused = launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  LanguageServer server() {
    return server;
  }

  /** The server's exit code, once it has ended. */
  int exitCode() throws Exception {
    return serverExit.get(TIMEOUT_SECONDS, SECONDS);
  }

  /** Waits for the next diagnostics of {@code uri} that {@code wanted} accepts, skipping others. */
  List<Diagnostic> await(String uri, Predicate<List<Diagnostic>> wanted)
      throws InterruptedException {
    return awaitPublished(uri, p -> wanted.test(p.getDiagnostics())).getDiagnostics();
  }

  /** Waits for the diagnostics of {@code uri} at document version {@code version}. */
  List<Diagnostic> await(String uri, int version) throws InterruptedException {
    return awaitPublished(uri, p -> p.getVersion() != null && p.getVersion().intValue() == version)
        .getDiagnostics();
  }

  private PublishDiagnosticsParams awaitPublished(
      String uri, Predicate<PublishDiagnosticsParams> wanted) throws InterruptedException {
    BlockingQueue<PublishDiagnosticsParams> queue = queue(uri);
    long deadline = System.nanoTime() + SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      PublishDiagnosticsParams next = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError(
            "no wanted diagnostics for " + uri + " in " + TIMEOUT_SECONDS + " s");
      }
      if (wanted.test(next)) {
        return next;
      }
    }
  }

  private BlockingQueue<PublishDiagnosticsParams> queue(String uri) {
    return published.computeIfAbsent(uri, u -> new LinkedBlockingQueue<>());
  }

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams params) {
    queue(params.getUri()).add(params);
  }

  @Override
  public void telemetryEvent(Object object) {}

  @Override
  public void showMessage(MessageParams params) {}

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams params) {}

  @Override
  public void close() throws IOException {
    serverThread.shutdownNow();
    clientEnd.close();
    serverEnd.close();
  }
}
