package dev.lockstep.scanner.lsp;

import dev.lockstep.scanner.frontend.FrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Open documents: their text (full sync: each change carries the whole document) goes into the
 * overlay, and an analysis is scheduled: at once on open, save and close, after a pause in typing
 * on change.
 */
final class LockstepTextDocuments implements TextDocumentService {
  private final LockstepLanguageServer server;

  LockstepTextDocuments(LockstepLanguageServer server) {
    this.server = server;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    Documents.path(params.getTextDocument().getUri())
        .ifPresent(
            path -> {
              server
                  .documents()
                  .put(
                      path,
                      params.getTextDocument().getText(),
                      params.getTextDocument().getVersion());
              schedule(path, 0);
            });
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes.isEmpty()) {
      return;
    }
    Documents.path(params.getTextDocument().getUri())
        .ifPresent(
            path -> {
              // Full sync: the last change is the whole document.
              server
                  .documents()
                  .put(
                      path,
                      changes.get(changes.size() - 1).getText(),
                      params.getTextDocument().getVersion());
              schedule(path, server.debounceMillis());
            });
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    Documents.path(params.getTextDocument().getUri())
        .ifPresent(
            path -> {
              server.documents().close(path); // back to the disk's text
              schedule(path, 0);
            });
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    Documents.path(params.getTextDocument().getUri()).ifPresent(path -> schedule(path, 0));
  }

  private void schedule(Path path, long delayMillis) {
    server.analyzer().ifPresent(a -> a.changed(path, delayMillis));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    Optional<Path> file = Documents.path(uri);
    if (file.isEmpty() || server.analyzer().isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Path path = file.orElseThrow();
    List<Diagnostic> ours =
        params.getContext().getDiagnostics().stream()
            .filter(d -> Diagnostics.SOURCE.equals(d.getSource()) && d.getCode() != null)
            .toList();
    if (ours.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Optional<String> text = server.documents().text(path);
    return server
        .analyzer()
        .orElseThrow()
        .query(analysis -> actions(uri, text, analysis.findings(path), ours), List.of());
  }

  private static List<Either<Command, CodeAction>> actions(
      String uri,
      Optional<String> text,
      List<FrontEnd.ScanFinding> findings,
      List<Diagnostic> ours) {
    List<Either<Command, CodeAction>> actions = new ArrayList<>();
    Optional<SourceEdits> source = text.flatMap(SourceEdits::parse);
    if (source.isEmpty()) {
      return actions; // a closed document, or one that does not parse now
    }
    for (Diagnostic d : ours) {
      String check = d.getCode().isLeft() ? d.getCode().getLeft() : "";
      int line = d.getRange().getStart().getLine() + 1;
      for (FrontEnd.ScanFinding f : findings) {
        if (f.finding().check().equals(check) && f.finding().location().line() == line) {
          for (CodeAction a : CodeActions.forFinding(uri, source.orElseThrow(), f.finding(), d)) {
            actions.add(Either.forRight(a));
          }
          break;
        }
      }
    }
    return actions;
  }
}
