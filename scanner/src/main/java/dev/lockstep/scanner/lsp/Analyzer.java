package dev.lockstep.scanner.lsp;

import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Runs every analysis on one thread, in the order the editor's events came, and publishes the
 * diagnostics of each file analysed. Edits are debounced per file: typing schedules an analysis
 * that the next keystroke replaces.
 */
final class Analyzer {
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "lockstep-lsp-analysis");
            t.setDaemon(true);
            return t;
          });
  private final Documents documents;
  private final LanguageClient client;
  private final Map<Path, ScheduledFuture<?>> pending = new HashMap<>();
  private WorkspaceAnalysis analysis;

  Analyzer(Documents documents, LanguageClient client) {
    this.documents = documents;
    this.client = client;
  }

  /** Loads the workspace (after the classpath is known) and publishes every finding. */
  void start(Supplier<WorkspaceAnalysis> workspace) {
    run(
        () -> {
          analysis = workspace.get();
          Map<Path, Integer> versions = documents.versions();
          WorkspaceAnalysis.Outcome outcome = analysis.loadAll();
          Log.info(
              "analysed " + analysis.files() + " files in " + outcome.nanos() / 1_000_000 + " ms");
          publish(outcome, versions, true);
        });
  }

  /** {@code file} changed: analyse it after {@code delayMillis}, replacing a pending analysis. */
  void changed(Path file, long delayMillis) {
    synchronized (pending) {
      ScheduledFuture<?> old = pending.remove(file);
      if (old != null) {
        old.cancel(false);
      }
      ScheduledFuture<?> next =
          thread.schedule(
              () -> {
                synchronized (pending) {
                  pending.remove(file);
                }
                safely(() -> analyse(file));
              },
              delayMillis,
              TimeUnit.MILLISECONDS);
      pending.put(file, next);
    }
  }

  /** Runs {@code query} on the analysis thread, after the analyses already queued. */
  <T> CompletableFuture<T> query(Function<WorkspaceAnalysis, T> query, T whenNotLoaded) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      thread.execute(
          () -> {
            try {
              answer.complete(analysis == null ? whenNotLoaded : query.apply(analysis));
            } catch (RuntimeException e) {
              Log.error("request failed", e);
              answer.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      answer.complete(whenNotLoaded);
    }
    return answer;
  }

  void stop() {
    thread.shutdownNow();
  }

  private void analyse(Path file) {
    if (analysis == null) {
      return;
    }
    // Versions before the texts are read: a diagnostic never claims a newer text than it saw.
    Map<Path, Integer> versions = documents.versions();
    WorkspaceAnalysis.Outcome outcome = analysis.changed(file);
    Log.info(
        file.getFileName()
            + " changed: analysed "
            + outcome.findings().keySet().stream().map(Path::getFileName).toList()
            + " in "
            + outcome.nanos() / 1_000_000
            + " ms, "
            + outcome.findings().values().stream().mapToInt(List::size).sum()
            + " findings");
    for (Map.Entry<Path, String> p : outcome.problems().entrySet()) {
      Log.info(p.getKey() + ": not analysed: " + p.getValue());
    }
    publish(outcome, versions, false);
    if (!outcome.findings().containsKey(file)) {
      // not parsed (mid-edit) or gone: its last findings stand, or none when it is gone
      publish(file, versions.get(file), analysis.findings(file));
    }
  }

  private void publish(
      WorkspaceAnalysis.Outcome outcome, Map<Path, Integer> versions, boolean onlyFindings) {
    for (Map.Entry<Path, List<FrontEnd.ScanFinding>> e : outcome.findings().entrySet()) {
      if (!onlyFindings || !e.getValue().isEmpty()) {
        publish(e.getKey(), versions.get(e.getKey()), e.getValue());
      }
    }
  }

  /** {@code version}: the open document's version analysed, null for a file read from disk. */
  private void publish(Path file, Integer version, List<FrontEnd.ScanFinding> findings) {
    String text = findings.isEmpty() ? "" : text(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (FrontEnd.ScanFinding f : findings) {
      diagnostics.add(Diagnostics.of(f, text, analysis::fileOf, file));
    }
    client.publishDiagnostics(
        new PublishDiagnosticsParams(Documents.uri(file), diagnostics, version));
  }

  private String text(Path file) {
    return documents
        .text(file)
        .orElseGet(
            () -> {
              try {
                return Files.readString(file, StandardCharsets.UTF_8);
              } catch (IOException | RuntimeException e) {
                return "";
              }
            });
  }

  /** Runs a task on the analysis thread; a failure is logged, and the server goes on. */
  private void run(Runnable task) {
    thread.execute(() -> safely(task));
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | StackOverflowError | NoClassDefFoundError e) {
      // one file's bad luck (a bug, a class missing from the classpath) must not end the server
      Log.error("analysis failed", e);
    }
  }
}
