package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every report format checked against what reads it: SARIF against the official OASIS 2.1.0 schema
 * plus what GitHub code scanning needs on top, JSON against our own schema, checkstyle for the
 * element and attribute structure checkstyle's tools read (checkstyle publishes no XSD), text for
 * the javac diagnostic shape. Each format is checked on three scans: findings (with multi-hop,
 * multi-file chains), no findings, and an incomplete scan (a file that does not parse).
 *
 * <p>The corpus lives under {@code target/} and is scanned by a relative path, as users run the
 * scanner from the repository root: file names in the reports are then repository-relative.
 */
final class ReportFormatsTest {
  private static final int FINDINGS = 10;

  Path base;
  Path src;

  @BeforeEach
  void corpus(TestInfo test) throws IOException {
    base = Path.of("target", "report-formats", test.getTestMethod().orElseThrow().getName());
    deleteTree(base);
    src = base.resolve("src");
    ParityTest.materialize("identification", src);
    // Chains through other files, and two waits per item: several codeFlows per result.
    Path chains = ParityTest.CORPUS.resolve("chainThroughOtherFiles/test");
    for (String f : List.of("Groups.java", "Relay.java")) {
      Files.copy(chains.resolve(f), src.resolve("test").resolve(f));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** Scans {@code root} into a report of {@code format}; checks the exit code. */
  private String report(String format, Path root, int exitCode) throws IOException {
    Path out = base.resolve("report." + format);
    assertWithMessage("exit code of the %s scan of %s", format, root)
        .that(Lockstep.run("scan", "--format", format, "--output", out.toString(), root.toString()))
        .isEqualTo(exitCode);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private Path cleanTree() throws IOException {
    Path clean = base.resolve("clean");
    Files.createDirectories(clean.resolve("test"));
    Files.writeString(clean.resolve("test/A.java"), "package test;\nclass A { void a() {} }\n");
    return clean;
  }

  private void breakOneFile() throws IOException {
    Files.writeString(
        src.resolve("test/Broken.java"), "package test;\nclass Broken { void x( { }\n");
  }

  private static String fileName(String path) {
    return path.replace('\\', '/');
  }

  // ---------------------------------------------------------------------------------------------
  // SARIF

  @Test
  void sarifWithFindingsValidatesAndMeetsGitHubsRequirements() throws IOException {
    addFileWithAnOddName();
    String sarif = report("sarif", src, Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, sarif)).isEmpty();
    JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
    assertThat(log.get("$schema").getAsString()).isEqualTo(ReportSchemas.SARIF_ID);
    assertThat(log.get("version").getAsString()).isEqualTo("2.1.0");
    assertThat(sarif)
        .contains("\"uri\": \"" + fileName(src.toString()) + "/test/Odd%20name%2B1.java\"");

    JsonObject run = onlyRun(sarif);
    JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    for (JsonElement r : rules) {
      JsonObject rule = r.getAsJsonObject();
      String id = rule.get("id").getAsString();
      String doc =
          "https://github.com/lockstep-dev/lockstep/blob/main/src/docs/checks/" + id + ".md";
      assertThat(rule.get("helpUri").getAsString()).isEqualTo(doc);
      assertThat(rule.getAsJsonObject("help").get("text").getAsString()).isNotEmpty();
      assertThat(rule.getAsJsonObject("help").get("markdown").getAsString())
          .contains("](" + doc + ")");
      assertThat(rule.getAsJsonObject("shortDescription").get("text").getAsString()).isNotEmpty();
      // Not a security query: GitHub needs no security-severity.
      assertThat(rule.getAsJsonObject("properties").has("security-severity")).isFalse();
    }

    // %SRCROOT% is described, not given as this machine's directory (ADR 0010): code scanning
    // resolves it against the checkout.
    JsonObject srcroot = run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("%SRCROOT%");
    assertThat(srcroot.has("uri")).isFalse();
    assertThat(srcroot.getAsJsonObject("description").get("text").getAsString()).isNotEmpty();

    JsonArray results = run.getAsJsonArray("results");
    assertThat(results.size()).isEqualTo(FINDINGS + 1);
    Set<String> fingerprints = new java.util.HashSet<>();
    int multiChain = 0;
    for (JsonElement e : results) {
      JsonObject result = e.getAsJsonObject();
      String ruleId = result.get("ruleId").getAsString();
      assertThat(
              rules
                  .get(result.get("ruleIndex").getAsInt())
                  .getAsJsonObject()
                  .get("id")
                  .getAsString())
          .isEqualTo(ruleId);
      assertRepoRelative(result.getAsJsonArray("locations").get(0).getAsJsonObject());
      String fingerprint =
          result.getAsJsonObject("partialFingerprints").get("lockstepFingerprint/v1").getAsString();
      assertThat(fingerprint).matches("[0-9a-f]{32}");
      fingerprints.add(fingerprint);
      // One codeFlow per chain: the loop first, then every hop, each in the repository.
      JsonArray flows = result.getAsJsonArray("codeFlows");
      multiChain += flows.size() > 1 ? 1 : 0;
      for (JsonElement flow : flows) {
        JsonArray steps =
            flow.getAsJsonObject()
                .getAsJsonArray("threadFlows")
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("locations");
        assertThat(steps.size()).isAtLeast(2);
        JsonObject first = steps.get(0).getAsJsonObject().getAsJsonObject("location");
        assertThat(first.getAsJsonObject("physicalLocation"))
            .isEqualTo(
                result
                    .getAsJsonArray("locations")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonObject("physicalLocation"));
        for (JsonElement step : steps) {
          assertRepoRelative(step.getAsJsonObject().getAsJsonObject("location"));
        }
      }
    }
    assertWithMessage("distinct fingerprints").that(fingerprints).hasSize(FINDINGS + 1);
    assertWithMessage("results with several codeFlows (Groups: 2 waits)")
        .that(multiChain)
        .isAtLeast(1);
    JsonObject invocation = run.getAsJsonArray("invocations").get(0).getAsJsonObject();
    assertThat(invocation.get("executionSuccessful").getAsBoolean()).isTrue();
    assertThat(invocation.getAsJsonArray("toolExecutionNotifications").size()).isEqualTo(0);
  }

  /** A finding in a file whose name a URI must escape ({@code uri-reference} forbids a space). */
  private void addFileWithAnOddName() throws IOException {
    Files.writeString(
        src.resolve("test/Odd name+1.java"),
        """
        package test;
        class OddName {
          Client client = new Client();
          void run(java.util.List<String> ids) throws Exception {
            for (String id : ids) {
              client.send(id);
            }
          }
        }
        """);
  }

  /** The location's file is repository-relative, resolved against {@code %SRCROOT%}. */
  private void assertRepoRelative(JsonObject location) {
    JsonObject artifact =
        location.getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
    assertThat(artifact.get("uriBaseId").getAsString()).isEqualTo("%SRCROOT%");
    String uri = artifact.get("uri").getAsString();
    assertThat(URI.create(uri).isAbsolute()).isFalse();
    assertThat(uri).startsWith(fileName(src.toString()) + "/");
    assertThat(uri).doesNotContain("\\");
    assertThat(
            location
                .getAsJsonObject("physicalLocation")
                .getAsJsonObject("region")
                .get("startLine")
                .getAsInt())
        .isAtLeast(1);
  }

  @Test
  void sarifWithoutFindingsValidates() throws IOException {
    String sarif = report("sarif", cleanTree(), Lockstep.CLEAN);
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, sarif)).isEmpty();
    JsonObject run = onlyRun(sarif);
    assertThat(run.getAsJsonArray("results").size()).isEqualTo(0);
    // The rules are listed even with no result, so GitHub can close alerts of a fixed rule.
    assertThat(run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules").size())
        .isAtLeast(1);
    assertThat(
            run.getAsJsonArray("invocations")
                .get(0)
                .getAsJsonObject()
                .get("executionSuccessful")
                .getAsBoolean())
        .isTrue();
  }

  @Test
  void sarifOfAnIncompleteScanValidatesAndSaysSo() throws IOException {
    breakOneFile();
    String sarif = report("sarif", src, Lockstep.INCOMPLETE);
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, sarif)).isEmpty();
    JsonObject run = onlyRun(sarif);
    assertThat(run.getAsJsonArray("results").size()).isEqualTo(FINDINGS);
    JsonObject invocation = run.getAsJsonArray("invocations").get(0).getAsJsonObject();
    assertThat(invocation.get("executionSuccessful").getAsBoolean()).isFalse();
    JsonArray notifications = invocation.getAsJsonArray("toolExecutionNotifications");
    assertThat(notifications.size()).isEqualTo(1);
    JsonObject notification = notifications.get(0).getAsJsonObject();
    assertThat(notification.get("level").getAsString()).isEqualTo("error");
    assertThat(notification.getAsJsonObject("message").get("text").getAsString())
        .contains("line 2");
    JsonObject artifact =
        notification
            .getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation")
            .getAsJsonObject("artifactLocation");
    assertThat(artifact.get("uri").getAsString()).endsWith("test/Broken.java");
    assertThat(artifact.get("uriBaseId").getAsString()).isEqualTo("%SRCROOT%");
  }

  /** The validator is live: a log the schema forbids is rejected, with the reason. */
  @Test
  void theSarifSchemaRejectsAnInvalidLog() throws IOException {
    addFileWithAnOddName();
    String sarif = report("sarif", src, Lockstep.FINDINGS);
    String zeroLine = sarif.replaceFirst("\"startLine\": \\d+", "\"startLine\": 0");
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, zeroLine).toString())
        .contains("startLine");
    String noVersion = sarif.replaceFirst("\"version\": \"2.1.0\",", "");
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, noVersion).toString()).contains("version");
    // Formats are asserted too: a help link that is not a URI.
    String badUri = sarif.replaceFirst("\"helpUri\": \"https:", "\"helpUri\": \"see https:");
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, badUri).toString()).contains("helpUri");
    String rawSpace = sarif.replaceFirst("%20", " ");
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, rawSpace).toString()).contains("uri");
  }

  private static JsonObject onlyRun(String sarif) {
    JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
    JsonArray runs = log.getAsJsonArray("runs");
    assertThat(runs.size()).isEqualTo(1);
    return runs.get(0).getAsJsonObject();
  }

  // ---------------------------------------------------------------------------------------------
  // JSON

  @Test
  void jsonValidatesAgainstItsSchema() throws IOException {
    String json = report("json", src, Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, json)).isEmpty();
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    JsonArray findings = root.getAsJsonArray("findings");
    assertThat(findings.size()).isEqualTo(FINDINGS);
    JsonObject first = findings.get(0).getAsJsonObject();
    assertThat(first.get("check").getAsString()).isEqualTo("SerialAwaitInLoop");
    assertThat(fileName(first.get("file").getAsString()))
        .isEqualTo(fileName(src.resolve("test/Groups.java").toString()));
    assertThat(first.get("message").getAsString()).contains("loop over 'groups' waits 2×");
    JsonArray chain = first.getAsJsonArray("chain");
    assertThat(chain.size()).isEqualTo(3);
    JsonObject wait = chain.get(2).getAsJsonObject();
    assertThat(fileName(wait.get("file").getAsString())).endsWith("test/Client.java");
    assertThat(wait.get("line").getAsInt()).isEqualTo(9);
    assertThat(wait.get("method").getAsString()).isEqualTo("HttpClient.send");
    assertThat(first.getAsJsonArray("chains").size()).isEqualTo(2);

    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, report("json", cleanTree(), 0)))
        .isEmpty();
    breakOneFile();
    String incomplete = report("json", src, Lockstep.INCOMPLETE);
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, incomplete)).isEmpty();
    assertThat(JsonParser.parseString(incomplete).getAsJsonObject().getAsJsonArray("problems"))
        .hasSize(1);
  }

  /** The schema is strict enough to catch drift: a missing field or an undocumented one fails. */
  @Test
  void theJsonSchemaRejectsDrift() throws IOException {
    String json = report("json", src, Lockstep.FINDINGS);
    String noChain = json.replaceFirst("\"chain\":", "\"chainz\":");
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, noChain).toString())
        .contains("chain");
    String lineZero = json.replaceFirst("\"line\": \\d+", "\"line\": 0");
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, lineZero)).isNotEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Checkstyle (no official XSD exists: the structure its readers rely on, element by element)

  @Test
  void checkstyleIsWellFormedWithTheExpectedStructure() throws Exception {
    breakOneFile();
    Document xml = parseXml(report("checkstyle", src, Lockstep.INCOMPLETE));
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("checkstyle");
    assertThat(root.getAttribute("version")).isNotEmpty();
    int errors = 0;
    int problems = 0;
    for (Element file : children(root)) {
      assertThat(file.getTagName()).isEqualTo("file");
      assertThat(fileName(file.getAttribute("name"))).startsWith(fileName(src.toString()) + "/");
      for (Element error : children(file)) {
        assertThat(error.getTagName()).isEqualTo("error");
        assertThat(children(error)).isEmpty();
        assertThat(error.getAttribute("severity")).isAnyOf("ignore", "info", "warning", "error");
        assertThat(error.getAttribute("message")).isNotEmpty();
        if (error.getAttribute("source").equals("lockstep.Scanner")) {
          problems++; // a file not analysed: no line
          assertThat(file.getAttribute("name")).endsWith("Broken.java");
          continue;
        }
        errors++;
        assertThat(error.getAttribute("source")).isEqualTo("lockstep.SerialAwaitInLoop");
        assertThat(Integer.parseInt(error.getAttribute("line"))).isAtLeast(1);
        assertThat(Integer.parseInt(error.getAttribute("column"))).isAtLeast(1);
        assertThat(error.getAttribute("message")).containsMatch("\\.java:\\d+\\)");
      }
    }
    assertThat(errors).isEqualTo(FINDINGS);
    assertThat(problems).isEqualTo(1);

    Element clean = parseXml(report("checkstyle", cleanTree(), 0)).getDocumentElement();
    assertThat(clean.getTagName()).isEqualTo("checkstyle");
    assertThat(children(clean)).isEmpty();
  }

  private static Document parseXml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e) {
        out.add(e);
      } else {
        assertWithMessage("text between elements").that(n.getTextContent().strip()).isEmpty();
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Text: javac's diagnostic shape, the chains indented under each finding

  private static final Pattern DIAGNOSTIC =
      Pattern.compile("(\\S+\\.java):(\\d+): (warning|error): \\[(\\w+)\\] (.+)");
  private static final Pattern HOP = Pattern.compile("-> \\S+ \\((\\S+\\.java):(\\d+)\\)");
  private static final Pattern NOT_ANALYSED =
      Pattern.compile("(\\S+\\.java): error: not analysed: (.+)");

  @Test
  void textHasJavacsShapeWithTheChainIndented() throws IOException {
    breakOneFile();
    List<String> lines = report("text", src, Lockstep.INCOMPLETE).lines().toList();
    int diagnostics = 0;
    int notAnalysed = 0;
    boolean sawWaitHeading = false;
    String previous = null;
    for (String line : lines) {
      Matcher d = DIAGNOSTIC.matcher(line);
      Matcher p = NOT_ANALYSED.matcher(line);
      if (d.matches()) {
        diagnostics++;
        assertThat(Files.exists(Path.of(d.group(1)))).isTrue();
        assertThat(d.group(4)).isEqualTo("SerialAwaitInLoop");
      } else if (p.matches()) {
        notAnalysed++;
        assertThat(p.group(1)).endsWith("Broken.java");
      } else if (line.startsWith("    wait ")) {
        assertThat(line).matches("    wait \\d+:");
        sawWaitHeading = true;
      } else if (line.startsWith("      -> ")) {
        assertThat(previous).matches("(    wait \\d+:|      -> .*)");
        assertHop(line.substring(6));
      } else if (line.startsWith("    -> ")) {
        assertHop(line.substring(4));
      } else {
        assertThat(line).matches("    \\(see https://\\S+/SerialAwaitInLoop\\.md\\)");
        assertThat(previous).startsWith("    ");
      }
      previous = line;
    }
    assertThat(diagnostics).isEqualTo(FINDINGS);
    assertThat(notAnalysed).isEqualTo(1);
    assertWithMessage("a finding with several chains numbers them").that(sawWaitHeading).isTrue();
  }

  private static void assertHop(String hop) {
    Matcher m = HOP.matcher(hop);
    assertWithMessage("hop %s", hop).that(m.matches()).isTrue();
    assertThat(Files.exists(Path.of(m.group(1)))).isTrue();
    assertThat(Integer.parseInt(m.group(2))).isAtLeast(1);
  }
}
