package dev.lockstep.scanner.lsp;

import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.scanner.cli.MavenClasspath;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * {@code lockstep lsp}: Lockstep's findings in the editor. The workspace root comes from {@code
 * initialize} ({@code workspaceFolders}, else {@code rootUri}); the classpath from {@code
 * initializationOptions} ({@link ServerOptions}) and, when asked, from Maven. Diagnostics are
 * published on open, change and save; code actions answer them.
 */
public final class LockstepLanguageServer implements LanguageServer, LanguageClientAware {
  private final Documents documents = new Documents();
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private LanguageClient client;
  private Analyzer analyzer;
  private ServerOptions options = ServerOptions.from(null, Path.of("."));
  private boolean shutdown;
  private final LockstepTextDocuments textDocuments = new LockstepTextDocuments(this);
  private final LockstepWorkspace workspace = new LockstepWorkspace(this);

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    Path root = root(params).orElse(Path.of("").toAbsolutePath());
    options = ServerOptions.from(params.getInitializationOptions(), root);
    Log.info("workspace " + root);
    ServerOptions chosen = options;
    analyzer = new Analyzer(documents, client);
    analyzer.start(
        () -> {
          List<Path> classpath = new ArrayList<>(chosen.classpath());
          if (chosen.maven()) {
            try {
              // slow: on the analysis thread
              List<Path> maven = MavenClasspath.of(root);
              Log.info("maven classpath: " + maven.size() + " entries");
              classpath.addAll(maven);
            } catch (MavenClasspath.Failure e) {
              // library types stay unresolved: fewer findings, never a wrong one
              Log.info("maven classpath: " + e.getMessage() + "; going on without it");
            }
          }
          return new WorkspaceAnalysis(
              root,
              new FrontEnd.Options(
                  LockstepConfig.defaults(),
                  classpath,
                  true,
                  Runtime.getRuntime().availableProcessors(),
                  FrontEnd.strictRequested()),
              documents);
        });

    ServerCapabilities capabilities = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    capabilities.setTextDocumentSync(sync);
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo("lockstep", "0.1.0")));
  }

  @SuppressWarnings("deprecation") // rootUri and rootPath: older clients send only these
  private static Optional<Path> root(InitializeParams params) {
    List<WorkspaceFolder> folders = params.getWorkspaceFolders();
    if (folders != null && !folders.isEmpty()) {
      // One root: the first folder (a multi-root workspace is analysed from its first folder).
      return Documents.path(folders.get(0).getUri());
    }
    if (params.getRootUri() != null) {
      return Documents.path(params.getRootUri());
    }
    if (params.getRootPath() != null) {
      return Optional.of(Path.of(params.getRootPath()).toAbsolutePath().normalize());
    }
    return Optional.empty();
  }

  @Override
  public void initialized(InitializedParams params) {}

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    if (analyzer != null) {
      analyzer.stop();
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    if (analyzer != null) {
      analyzer.stop();
    }
    // The protocol's exit codes: 0 after a shutdown request, 1 without one.
    exited.complete(shutdown ? 0 : 1);
  }

  /** Completes with the exit code when the client sends {@code exit}. */
  public CompletableFuture<Integer> exited() {
    return exited;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return textDocuments;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  Documents documents() {
    return documents;
  }

  /** The analyzer, once {@code initialize} made it. */
  Optional<Analyzer> analyzer() {
    return Optional.ofNullable(analyzer);
  }

  long debounceMillis() {
    return options.debounceMillis();
  }
}
