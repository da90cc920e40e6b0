package dev.lockstep.scanner.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Workspace events: a file created, changed or deleted outside the editor (a {@code git checkout})
 * is parsed again and analysed with its dependents, as an edit is.
 */
final class LockstepWorkspace implements WorkspaceService {
  private final LockstepLanguageServer server;

  LockstepWorkspace(LockstepLanguageServer server) {
    this.server = server;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    // Options come with initialize; nothing is configurable later.
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    for (FileEvent event : params.getChanges()) {
      if (!event.getUri().endsWith(".java")) {
        continue;
      }
      Documents.path(event.getUri())
          .filter(path -> server.documents().text(path).isEmpty()) // open: the editor's text wins
          .ifPresent(path -> server.analyzer().ifPresent(a -> a.changed(path, 0)));
    }
  }
}
