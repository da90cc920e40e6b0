package dev.lockstep.scanner.lsp;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lockstep.window.BoundedWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic.Kind;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep lsp} end to end, through JSON-RPC over pipes with LSP4J's client launcher:
 * initialize, didOpen, published diagnostics with the chain, didChange that fixes the loop, code
 * actions whose edits compile and leave no finding, a document that does not parse, shutdown and
 * exit.
 */
class LspEndToEndTest {
  /** The corpus fixture the loop's chain ends in: {@code HttpClient.send} at line 9. */
  static final Path CLIENT = Path.of("../src/test-corpus/fixtures/serialAwait/test/Client.java");

  static final String RELAY =
      """
      package test;
      class Relay {
        private final Client client = new Client();
        void publish(String group) throws Exception {
          client.send("publish/" + group);
        }
        void sync(String group) throws Exception {
          helper(group);
        }
        private void helper(String group) throws Exception {
          client.send("sync/" + group);
        }
      }
      """;

  /** Relay without a round trip: what an edit that fixes the dependency looks like. */
  static final String RELAY_LOCAL =
      """
      package test;
      class Relay {
        final java.util.List<String> sent = new java.util.ArrayList<>();
        void publish(String group) throws Exception {
          sent.add("publish/" + group);
        }
        void sync(String group) throws Exception {
          sent.add("sync/" + group);
        }
      }
      """;

  static final String GROUPS =
      """
      package test;
      import java.util.List;
      public class Groups {
        Relay relay = new Relay();
        public void run(List<String> groups) throws Exception {
          for (String group : groups) {
            relay.publish(group);
            relay.sync(group);
          }
        }
      }
      """;

  @TempDir Path workspace;

  private Path write(String relative, String text) throws IOException {
    Path file = workspace.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private Path groups;
  private Path relay;
  private Path client;

  private LspClient start() throws Exception {
    client = write("src/test/Client.java", Files.readString(CLIENT, StandardCharsets.UTF_8));
    relay = write("src/test/Relay.java", RELAY);
    groups = write("src/test/Groups.java", GROUPS);
    LspClient lsp = new LspClient();
    InitializeParams init = new InitializeParams();
    init.setWorkspaceFolders(List.of(new WorkspaceFolder(uri(workspace), "ws")));
    JsonObject options = new JsonObject();
    options.addProperty("debounceMillis", 0);
    // The project depends on the window, as one that takes the rewrite does: the rule offers the
    // rewrite only when BoundedWindow resolves.
    JsonArray classpath = new JsonArray();
    classpath.add(
        Path.of(BoundedWindow.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
    options.add("classpath", classpath);
    init.setInitializationOptions(options);
    var result = lsp.server().initialize(init).get(LspClient.TIMEOUT_SECONDS, SECONDS);
    assertThat(result.getCapabilities().getCodeActionProvider()).isNotNull();
    lsp.server().initialized(new InitializedParams());
    return lsp;
  }

  private static String uri(Path p) {
    return p.toAbsolutePath().normalize().toUri().toString();
  }

  private int version = 1;

  /** Opens a document; returns its version. */
  private int open(LspClient lsp, Path file, String text) {
    version++;
    lsp.server()
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "java", version, text)));
    return version;
  }

  /** Replaces a document's text; returns its new version. */
  private int change(LspClient lsp, Path file, String text) {
    version++;
    lsp.server()
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri(file), version),
                List.of(new TextDocumentContentChangeEvent(text))));
    return version;
  }

  private static void shutDown(LspClient lsp) throws Exception {
    lsp.server().shutdown().get(LspClient.TIMEOUT_SECONDS, SECONDS);
    lsp.server().exit();
    assertThat(lsp.exitCode()).isEqualTo(0);
  }

  @Test
  void openPublishesTheFindingWithItsChainAndAFixingChangeClearsIt() throws Exception {
    try (LspClient lsp = start()) {
      List<Diagnostic> found = lsp.await(uri(groups), open(lsp, groups, GROUPS));
      assertThat(found).hasSize(1);
      Diagnostic d = found.get(0);
      assertThat(d.getSource()).isEqualTo("lockstep");
      assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
      assertThat(d.getCode().getLeft()).isEqualTo("SerialAwaitInLoop");
      assertThat(d.getCodeDescription().getHref()).endsWith("SerialAwaitInLoop.md");
      assertThat(d.getMessage()).contains("loop over 'groups' waits 2× per item");
      assertThat(d.getRange().getStart().getLine()).isEqualTo(5); // the for, 0-based
      assertThat(d.getRange().getStart().getCharacter()).isEqualTo(4);
      assertThat(d.getRange().getEnd().getLine()).isEqualTo(5);

      // Two chains: publish -> send -> HttpClient.send; sync -> helper -> send -> HttpClient.send
      List<DiagnosticRelatedInformation> hops = d.getRelatedInformation();
      assertThat(hops).hasSize(7);
      assertThat(hops.get(0).getMessage()).startsWith("wait 1: publish at src/test/Groups.java:7");
      assertThat(hops.get(0).getLocation().getUri()).isEqualTo(uri(groups));
      assertThat(hops.get(0).getLocation().getRange().getStart().getLine()).isEqualTo(6);
      assertThat(hops.get(1).getMessage()).startsWith("wait 1: send at src/test/Relay.java:5");
      assertThat(hops.get(1).getLocation().getUri()).isEqualTo(uri(relay));
      assertThat(hops.get(1).getLocation().getRange().getStart().getLine()).isEqualTo(4);
      assertThat(hops.get(2).getMessage()).startsWith("wait 1: HttpClient.send at");
      assertThat(hops.get(2).getLocation().getUri()).isEqualTo(uri(client));
      assertThat(hops.get(2).getLocation().getRange().getStart().getLine()).isEqualTo(8);
      assertThat(hops.get(3).getMessage()).startsWith("wait 2: sync at src/test/Groups.java:8");
      assertThat(hops.get(4).getLocation().getUri()).isEqualTo(uri(relay)); // helper
      assertThat(hops.get(4).getLocation().getRange().getStart().getLine()).isEqualTo(7);

      // The loop no longer waits: the in-memory text wins over the disk's, which still waits.
      int fixedLoop =
          change(
              lsp, groups, GROUPS.replace("relay.publish(group);\n      relay.sync(group);", ""));
      assertThat(lsp.await(uri(groups), fixedLoop)).isEmpty();
      // And back: the finding returns.
      assertThat(lsp.await(uri(groups), change(lsp, groups, GROUPS))).hasSize(1);
      shutDown(lsp);
    }
  }

  @Test
  void aChangeInAFileTheChainGoesThroughReanalysesTheLoopsThatReachIt() throws Exception {
    try (LspClient lsp = start()) {
      // Groups is not open: its finding comes from loading the workspace.
      assertThat(lsp.await(uri(groups), d -> !d.isEmpty())).hasSize(1);
      assertThat(lsp.await(uri(relay), open(lsp, relay, RELAY))).isEmpty();
      assertThat(lsp.await(uri(relay), change(lsp, relay, RELAY_LOCAL))).isEmpty();
      // Groups is analysed again because its chains go through Relay (the dependency index).
      assertThat(lsp.await(uri(groups), List::isEmpty)).isEmpty();
      shutDown(lsp);
    }
  }

  @Test
  void eachCodeActionsEditCompilesAndLeavesNoFinding() throws Exception {
    try (LspClient lsp = start()) {
      Diagnostic d = lsp.await(uri(groups), open(lsp, groups, GROUPS)).get(0);
      List<CodeAction> actions = actions(lsp, d);
      List<String> titles = actions.stream().map(CodeAction::getTitle).toList();
      assertThat(titles)
          .containsExactly(
              "Run in a bounded window: BoundedWindow.of(5)",
              "Declare 'run' @Sequential (serial on purpose)",
              "Suppress SerialAwaitInLoop on 'run'")
          .inOrder();
      for (CodeAction action : actions) {
        List<TextEdit> edits = action.getEdit().getChanges().get(uri(groups));
        String fixed = Lines.apply(GROUPS, edits);
        assertThat(fixed).isNotEqualTo(GROUPS);
        assertCompiles(fixed);
        assertThat(lsp.await(uri(groups), change(lsp, groups, fixed))).isEmpty();
        assertThat(lsp.await(uri(groups), change(lsp, groups, GROUPS))).hasSize(1);
      }
      String window = Lines.apply(GROUPS, actions.get(0).getEdit().getChanges().get(uri(groups)));
      assertThat(window).contains("import dev.lockstep.window.BoundedWindow;");
      assertThat(window)
          .contains(
              """
                  BoundedWindow.of(5).forEach(groups, group -> {
                        relay.publish(group);
                        relay.sync(group);
                      });""");
      String sequential =
          Lines.apply(GROUPS, actions.get(1).getEdit().getChanges().get(uri(groups)));
      assertThat(sequential).contains("import dev.lockstep.annotations.Sequential;");
      assertThat(sequential)
          .contains(
              "  @Sequential(reason = \""
                  + CodeActions.REASON
                  + "\")\n  public void run(List<String> groups)");
      shutDown(lsp);
    }
  }

  @Test
  void suppressionJoinsAnExistingSuppressWarnings() throws Exception {
    String suppressed =
        GROUPS.replace(
            "  public void run(", "  @SuppressWarnings(\"unchecked\")\n  public void run(");
    try (LspClient lsp = start()) {
      Diagnostic d = lsp.await(uri(groups), open(lsp, groups, suppressed)).get(0);
      CodeAction suppress =
          actions(lsp, d).stream()
              .filter(a -> a.getTitle().startsWith("Suppress"))
              .findFirst()
              .orElseThrow();
      String fixed = Lines.apply(suppressed, suppress.getEdit().getChanges().get(uri(groups)));
      assertThat(fixed)
          .contains(
              "@SuppressWarnings({\"unchecked\", \"SerialAwaitInLoop\"})\n  public void run(");
      assertCompiles(fixed);
      assertThat(lsp.await(uri(groups), change(lsp, groups, fixed))).isEmpty();
      shutDown(lsp);
    }
  }

  @Test
  void aDocumentThatDoesNotParseGetsNoDiagnosticsAndTheServerGoesOn() throws Exception {
    try (LspClient lsp = start()) {
      Path broken = workspace.resolve("src/test/Broken.java");
      int brokenText =
          open(lsp, broken, "package test;\nclass Broken {\n  void f( {\n    for (;;\n");
      assertThat(lsp.await(uri(broken), brokenText)).isEmpty();
      Diagnostic fake = new Diagnostic();
      fake.setSource("lockstep");
      fake.setCode("SerialAwaitInLoop");
      fake.setRange(
          new org.eclipse.lsp4j.Range(
              new org.eclipse.lsp4j.Position(2, 2), new org.eclipse.lsp4j.Position(2, 5)));
      assertThat(actions(lsp, broken, fake)).isEmpty();
      // The same document, repaired into a serial await, is analysed as any other.
      int repaired = change(lsp, broken, GROUPS.replace("class Groups", "class Broken"));
      assertThat(lsp.await(uri(broken), repaired)).hasSize(1);
      shutDown(lsp);
    }
  }

  @Test
  void exitWithoutShutdownEndsTheServerWithOne() throws Exception {
    try (LspClient lsp = start()) {
      lsp.server().exit();
      assertThat(lsp.exitCode()).isEqualTo(1);
    }
  }

  private List<CodeAction> actions(LspClient lsp, Diagnostic d) throws Exception {
    return actions(lsp, groups, d);
  }

  private static List<CodeAction> actions(LspClient lsp, Path file, Diagnostic d) throws Exception {
    CodeActionParams params =
        new CodeActionParams(
            new TextDocumentIdentifier(uri(file)), d.getRange(), new CodeActionContext(List.of(d)));
    List<Either<org.eclipse.lsp4j.Command, CodeAction>> answer =
        lsp.server()
            .getTextDocumentService()
            .codeAction(params)
            .get(LspClient.TIMEOUT_SECONDS, SECONDS);
    List<CodeAction> actions = new ArrayList<>();
    for (var a : answer) {
      assertThat(a.isRight()).isTrue();
      actions.add(a.getRight());
    }
    return actions;
  }

  /** Compiles the edited Groups with Relay and Client, against the annotations and the window. */
  private void assertCompiles(String groupsText) throws IOException {
    Path dir = Files.createTempDirectory(workspace, "compile");
    Path src = dir.resolve("src/test");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Groups.java"), groupsText, StandardCharsets.UTF_8);
    Files.copy(relay, src.resolve("Relay.java"));
    Files.copy(client, src.resolve("Client.java"));
    Path out = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(problems, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<Path> sources =
          List.of(
              src.resolve("Groups.java"), src.resolve("Relay.java"), src.resolve("Client.java"));
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  problems,
                  List.of(
                      "-proc:none",
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "-d",
                      out.toString()),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      List<String> errors =
          problems.getDiagnostics().stream()
              .filter(p -> p.getKind() == Kind.ERROR)
              .map(p -> p.getLineNumber() + ": " + p.getMessage(Locale.ROOT))
              .toList();
      assertThat(errors).isEmpty();
      assertThat(ok).isTrue();
    }
  }
}
