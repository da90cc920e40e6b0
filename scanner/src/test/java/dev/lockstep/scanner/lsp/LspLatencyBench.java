package dev.lockstep.scanner.lsp;

import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;

/**
 * Change-to-diagnostics latency of {@code lockstep lsp}, through JSON-RPC over pipes as in {@link
 * LspEndToEndTest}: the time from sending {@code didChange} to receiving the diagnostics of that
 * version, with the debounce set to 0 (an editor adds its debounce, 200 ms by default, on top). On
 * a 2 000-line file alone, and on one 1 000-line file of a generated 200 000-line workspace whose
 * loops' chains cross files. Not part of the default build (the name does not end in {@code Test});
 * run it with
 *
 * <pre>
 * ./mvnw -o -pl scanner -am test -Dtest=LspLatencyBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It prints a table and writes it to {@code scanner/target/lsp-bench.txt}.
 */
final class LspLatencyBench {
  private static final int EDITS = 15;

  @Test
  void latency() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("lockstep-lsp-bench");
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            Locale.ROOT,
            "%-34s %8s %8s %9s %8s %8s %8s",
            "workspace",
            "files",
            "lines",
            "load (s)",
            "p50 ms",
            "p90 ms",
            "max ms"));
    rows.add(run(root.resolve("one"), 1, 2_000));
    rows.add(run(root.resolve("large"), 200, 1_000));
    String table = String.join("\n", rows) + "\n";
    System.out.print(table);
    Path out = Path.of("target/lsp-bench.txt");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table, StandardCharsets.UTF_8);
  }

  private static String run(Path root, int files, int linesPerFile) throws Exception {
    Path pkg = Files.createDirectories(root.resolve("src/bench"));
    Files.writeString(
        pkg.resolve("Client.java"),
        Files.readString(LspEndToEndTest.CLIENT, StandardCharsets.UTF_8)
            .replace("package test;", "package bench;"));
    long lines = 0;
    for (int i = 0; i < files; i++) {
      String text = service(i, files, linesPerFile, 0);
      lines += text.lines().count();
      Files.writeString(pkg.resolve("Svc" + i + ".java"), text, StandardCharsets.UTF_8);
    }
    try (LspClient lsp = new LspClient()) {
      InitializeParams init = new InitializeParams();
      init.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "bench")));
      JsonObject options = new JsonObject();
      options.addProperty("debounceMillis", 0);
      init.setInitializationOptions(options);
      long start = System.nanoTime();
      lsp.server().initialize(init).get(LspClient.TIMEOUT_SECONDS, SECONDS);
      lsp.server().initialized(new InitializedParams());
      Path file = pkg.resolve("Svc0.java");
      String uri = file.toUri().toString();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      lsp.server()
          .getTextDocumentService()
          .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));
      lsp.await(uri, 1); // after the workspace's load, which the open waits behind
      double load = (System.nanoTime() - start) / 1e9;
      List<Long> millis = new ArrayList<>();
      for (int v = 2; v < 2 + EDITS; v++) {
        String edited = service(0, files, linesPerFile, v); // one string literal differs
        long sent = System.nanoTime();
        lsp.server()
            .getTextDocumentService()
            .didChange(
                new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, v),
                    List.of(new TextDocumentContentChangeEvent(edited))));
        var diagnostics = lsp.await(uri, v);
        millis.add((System.nanoTime() - sent) / 1_000_000);
        if (diagnostics.isEmpty()) {
          throw new AssertionError("the generated loops should have findings");
        }
      }
      lsp.server().shutdown().get(LspClient.TIMEOUT_SECONDS, SECONDS);
      lsp.server().exit();
      // The first edits warm the JIT; report the rest.
      List<Long> warm = new ArrayList<>(millis.subList(5, millis.size()));
      Collections.sort(warm);
      return String.format(
          Locale.ROOT,
          "%-34s %8d %8d %9.1f %8d %8d %8d",
          files == 1 ? "one 2 000-line file" : "200 k lines, edit a 1 000-line file",
          files + 1,
          lines,
          load,
          warm.get(warm.size() / 2),
          warm.get((int) Math.ceil(warm.size() * 0.9) - 1),
          warm.get(warm.size() - 1));
    }
  }

  /**
   * A class of about {@code lines} lines: groups of a waiting call, a local method and two loops,
   * one over the next class's waiting call (a finding whose chain crosses files), one over its
   * local method (no finding).
   */
  static String service(int i, int files, int lines, int edit) throws IOException {
    String next = "Svc" + ((i + 1) % files);
    StringBuilder s = new StringBuilder();
    s.append("package bench;\n\nimport java.util.List;\n\npublic class Svc")
        .append(i)
        .append(" {\n  private final Client client = new Client();\n  private ")
        .append(next)
        .append(" next;\n\n");
    int m = 0;
    while (s.chars().filter(c -> c == '\n').count() < lines - 24) {
      s.append("  public String call")
          .append(m)
          .append("(String id) throws Exception {\n    return client.send(\"")
          .append(m == 0 ? "edit" + edit : "c" + m)
          .append("/\" + id);\n  }\n\n");
      s.append("  public int local")
          .append(m)
          .append("(String id) {\n    int n = id.length();\n    return n * ")
          .append(m + 1)
          .append(";\n  }\n\n");
      s.append("  public void serial")
          .append(m)
          .append("(List<String> ids) throws Exception {\n    for (String id : ids) {\n")
          .append("      next.call")
          .append(m)
          .append("(id);\n    }\n  }\n\n");
      s.append("  public int sum")
          .append(m)
          .append("(List<String> ids) {\n    int total = 0;\n    for (String id : ids) {\n")
          .append("      total += local")
          .append(m)
          .append("(id);\n    }\n    return total;\n  }\n\n");
      m++;
    }
    s.append("}\n");
    return s.toString();
  }
}
