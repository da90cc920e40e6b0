package dev.lockstep.scanner.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The report formats. Each renders the same {@link Report}; none rebuilds a message. */
public final class Writers {
  private Writers() {}

  /** The formats {@code --format} accepts. */
  public enum Format {
    TEXT,
    JSON,
    SARIF,
    CHECKSTYLE,
    /** reviewdog's Diagnostic Format. */
    RDJSON,
    /** Code Climate issues, GitLab's Code Quality report. */
    CODECLIMATE
  }

  public static String write(Format format, Report report) {
    return switch (format) {
      case TEXT -> text(report);
      case JSON -> json(report);
      case SARIF -> sarif(report);
      case CHECKSTYLE -> checkstyle(report);
      case RDJSON -> RdjsonWriter.write(report);
      case CODECLIMATE -> CodeClimateWriter.write(report);
    };
  }

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  // ---------------------------------------------------------------------------------------------
  // Text: javac-style diagnostics, the chain indented under each

  static String text(Report report) {
    StringBuilder out = new StringBuilder();
    for (ReportFinding f : report.findings()) {
      out.append(f.file())
          .append(':')
          .append(f.line())
          .append(": ")
          .append(f.severity())
          .append(": [")
          .append(f.check())
          .append("] ")
          .append(f.finding().message())
          .append('\n');
      int n = 1;
      for (WaitChain chain : f.chains()) {
        if (f.chains().size() > 1) {
          out.append("    wait ").append(n++).append(":\n");
        }
        for (Hop hop : chain.hops()) {
          out.append(f.chains().size() > 1 ? "      " : "    ")
              .append("-> ")
              .append(hop.name())
              .append(" (")
              .append(hop.location().render())
              .append(")\n");
        }
      }
      out.append("    (see ").append(Report.docLink(f.check())).append(")\n");
    }
    for (FrontEnd.FileProblem p : report.problems()) {
      out.append(p.file()).append(": error: not analysed: ").append(p.reason()).append('\n');
    }
    for (SkippedDirectory d : report.skipped()) {
      out.append(d.directory()).append("/: note: not read: ").append(d.describe()).append('\n');
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // JSON: one object with a findings array

  static String json(Report report) {
    JsonObject root = new JsonObject();
    root.addProperty("tool", "lockstep");
    root.add("summary", summary(report));
    JsonArray findings = new JsonArray();
    for (ReportFinding f : report.findings()) {
      JsonObject o = new JsonObject();
      o.addProperty("check", f.check());
      o.addProperty("severity", f.severity());
      o.addProperty("file", f.file());
      o.addProperty("line", f.line());
      o.addProperty("column", f.finding().location().column());
      o.addProperty("message", f.finding().message());
      o.addProperty("member", f.member());
      o.addProperty("fingerprint", f.fingerprint());
      o.add("chain", hops(f.chain()));
      JsonArray chains = new JsonArray();
      f.chains().forEach(c -> chains.add(hops(c.hops())));
      o.add("chains", chains);
      o.addProperty("waitsPerItem", f.finding().cost().waitsPerItem());
      o.addProperty("window", f.finding().cost().window());
      if (f.finding().cost().items().isPresent()) {
        o.addProperty("items", f.finding().cost().items().getAsInt());
      }
      f.finding() // FakeConcurrency, OversizedWindow: what the tasks actually get
          .parallelism()
          .ifPresent(
              p -> {
                o.addProperty("effectiveParallelism", p.effective());
                o.addProperty("bottleneck", p.bottleneck());
              });
      o.addProperty("link", Report.docLink(f.check()));
      findings.add(o);
    }
    root.add("findings", findings);
    root.add("problems", problems(report));
    root.add("skipped", skipped(report));
    return GSON.toJson(root) + "\n";
  }

  private static JsonObject summary(Report report) {
    JsonObject s = new JsonObject();
    s.addProperty("files", report.stats().files());
    s.addProperty("lines", report.stats().lines());
    s.addProperty("findings", report.findings().size() + report.baselined());
    s.addProperty("new", report.findings().size());
    s.addProperty("baselined", report.baselined());
    s.addProperty("fixed", report.fixed());
    s.addProperty("filesNotAnalysed", report.problems().size());
    s.addProperty("complete", report.complete());
    s.addProperty("skippedDirectories", report.skipped().size());
    s.addProperty("seconds", Math.round(report.seconds() * 1000) / 1000.0);
    FrontEnd.Stats stats = report.stats();
    s.addProperty("loops", stats.loops());
    s.addProperty("uncertainLoops", stats.uncertainLoops());
    s.addProperty("resolutions", stats.resolutions());
    s.addProperty("unresolved", stats.unresolved());
    s.addProperty("parseSeconds", Math.round(stats.parseNanos() / 1e6) / 1000.0);
    s.addProperty("analysisSeconds", Math.round(stats.analysisNanos() / 1e6) / 1000.0);
    s.addProperty("cache", stats.cache());
    s.addProperty("filesAnalysed", stats.analysedFiles());
    s.addProperty("filesFromCache", stats.cachedFiles());
    return s;
  }

  private static JsonArray hops(List<Hop> hops) {
    JsonArray array = new JsonArray();
    for (Hop hop : hops) {
      JsonObject h = new JsonObject();
      h.addProperty("file", hop.location().file());
      h.addProperty("line", hop.location().line());
      h.addProperty("method", hop.name());
      array.add(h);
    }
    return array;
  }

  private static JsonArray problems(Report report) {
    JsonArray array = new JsonArray();
    for (FrontEnd.FileProblem p : report.problems()) {
      JsonObject o = new JsonObject();
      o.addProperty("file", p.file());
      o.addProperty("reason", p.reason());
      array.add(o);
    }
    return array;
  }

  private static JsonArray skipped(Report report) {
    JsonArray array = new JsonArray();
    for (SkippedDirectory d : report.skipped()) {
      JsonObject o = new JsonObject();
      o.addProperty("directory", d.directory());
      o.addProperty("reason", d.reason());
      d.javaFiles().ifPresent(n -> o.addProperty("javaFiles", n));
      array.add(o);
    }
    return array;
  }

  // ---------------------------------------------------------------------------------------------
  // SARIF 2.1.0, as GitHub code scanning reads it

  /**
   * The official OASIS schema (2.1.0 with errata 01), the one SARIF §3.13.3 names; GitHub accepts
   * it as well as the schemastore copy. The tests validate every log against a vendored copy.
   */
  static final String SARIF_SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  static String sarif(Report report) {
    JsonObject log = new JsonObject();
    log.addProperty("$schema", SARIF_SCHEMA);
    log.addProperty("version", "2.1.0");
    JsonObject run = new JsonObject();
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "Lockstep");
    driver.addProperty("informationUri", "https://github.com/lockstep-dev/lockstep");
    driver.addProperty("semanticVersion", "0.1.0");
    Set<String> checks = new LinkedHashSet<>();
    Checks.ALL.stream().filter(Checks.Check::scanned).forEach(c -> checks.add(c.name()));
    report.findings().forEach(f -> checks.add(f.check()));
    List<String> ruleIds = new ArrayList<>(checks);
    JsonArray rules = new JsonArray();
    for (String check : ruleIds) {
      JsonObject rule = new JsonObject();
      rule.addProperty("id", check);
      rule.addProperty("name", check);
      String summary = Checks.named(check).map(Checks.Check::summary).orElse(check);
      rule.add("shortDescription", text(summary));
      rule.add("fullDescription", text(summary));
      rule.addProperty("helpUri", Report.docLink(check));
      JsonObject help = text(summary + ". See " + Report.docLink(check));
      help.addProperty(
          "markdown",
          "**" + check + "**: " + summary + ".\n\n[Documentation](" + Report.docLink(check) + ")");
      rule.add("help", help);
      JsonObject config = new JsonObject();
      config.addProperty("level", Checks.severityOf(check).label());
      rule.add("defaultConfiguration", config);
      JsonObject properties = new JsonObject();
      JsonArray tags = new JsonArray();
      tags.add("performance");
      tags.add("concurrency");
      properties.add("tags", tags);
      rule.add("properties", properties);
      rules.add(rule);
    }
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    run.add("tool", tool);

    JsonObject baseIds = new JsonObject();
    // Described, not given as a file: URI: a report names no path of the machine it ran on
    // (ADR 0010). Code scanning resolves %SRCROOT% against the repository's checkout.
    JsonObject srcroot = new JsonObject();
    srcroot.add(
        "description",
        text("The directory lockstep scan ran in: the repository root, when run as documented."));
    baseIds.add("%SRCROOT%", srcroot);
    run.add("originalUriBaseIds", baseIds);

    JsonArray results = new JsonArray();
    for (ReportFinding f : report.findings()) {
      JsonObject result = new JsonObject();
      result.addProperty("ruleId", f.check());
      result.addProperty("ruleIndex", ruleIds.indexOf(f.check()));
      result.addProperty("level", f.severity().equals("error") ? "error" : "warning");
      result.add("message", text(f.finding().message()));
      JsonArray locations = new JsonArray();
      locations.add(location(f.file(), f.line(), f.finding().location().column(), null));
      result.add("locations", locations);
      JsonObject fingerprints = new JsonObject();
      fingerprints.addProperty("lockstepFingerprint/v1", f.fingerprint());
      result.add("partialFingerprints", fingerprints);
      JsonArray codeFlows = new JsonArray();
      for (WaitChain chain : f.chains()) {
        JsonArray threadLocations = new JsonArray();
        JsonObject start = new JsonObject();
        start.add(
            "location",
            location(
                f.file(),
                f.line(),
                f.finding().location().column(),
                f.check().equals(Checks.SERIAL_AWAIT_IN_LOOP) ? "the loop" : "the pipeline"));
        threadLocations.add(start);
        for (Hop hop : chain.hops()) {
          JsonObject step = new JsonObject();
          step.add(
              "location",
              location(
                  hop.location().file(),
                  hop.location().line(),
                  hop.location().column(),
                  hop.name()));
          threadLocations.add(step);
        }
        JsonObject threadFlow = new JsonObject();
        threadFlow.add("locations", threadLocations);
        JsonArray threadFlows = new JsonArray();
        threadFlows.add(threadFlow);
        JsonObject codeFlow = new JsonObject();
        codeFlow.add("message", text(chain.render()));
        codeFlow.add("threadFlows", threadFlows);
        codeFlows.add(codeFlow);
      }
      if (!codeFlows.isEmpty()) {
        result.add("codeFlows", codeFlows);
      }
      results.add(result);
    }
    run.add("results", results);

    JsonObject invocation = new JsonObject();
    invocation.addProperty("executionSuccessful", report.complete());
    JsonArray notifications = new JsonArray();
    for (FrontEnd.FileProblem p : report.problems()) {
      JsonObject n = new JsonObject();
      n.addProperty("level", "error");
      n.add("message", text("not analysed: " + p.reason()));
      JsonArray locs = new JsonArray();
      locs.add(location(p.file(), 0, 0, null));
      n.add("locations", locs);
      notifications.add(n);
    }
    for (SkippedDirectory d : report.skipped()) {
      JsonObject n = new JsonObject();
      n.addProperty("level", "note");
      n.add("message", text("not read: " + d.describe()));
      JsonArray locs = new JsonArray();
      locs.add(location(d.directory() + "/", 0, 0, null));
      n.add("locations", locs);
      notifications.add(n);
    }
    invocation.add("toolExecutionNotifications", notifications);
    JsonArray invocations = new JsonArray();
    invocations.add(invocation);
    run.add("invocations", invocations);

    JsonArray runs = new JsonArray();
    runs.add(run);
    log.add("runs", runs);
    return GSON.toJson(log) + "\n";
  }

  private static JsonObject text(String text) {
    JsonObject o = new JsonObject();
    o.addProperty("text", text);
    return o;
  }

  private static JsonObject location(String file, int line, int column, String message) {
    JsonObject artifact = new JsonObject();
    if (Path.of(file).isAbsolute()) {
      artifact.addProperty("uri", Path.of(file).toUri().toString()); // outside the working dir
    } else {
      artifact.addProperty("uri", uri(file));
      artifact.addProperty("uriBaseId", "%SRCROOT%");
    }
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact);
    if (line > 0) {
      JsonObject region = new JsonObject();
      region.addProperty("startLine", line);
      if (column > 0) {
        region.addProperty("startColumn", column);
      }
      physical.add("region", region);
    }
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    if (message != null) {
      location.add("message", text(message));
    }
    return location;
  }

  /** A relative path as a relative URI reference: forward slashes, percent-encoded. */
  static String uri(String file) {
    StringBuilder out = new StringBuilder();
    for (String segment : file.replace('\\', '/').split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(
          java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Checkstyle XML, for tools that read checkstyle-result.xml

  static String checkstyle(Report report) {
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    for (ReportFinding f : report.findings()) {
      byFile
          .computeIfAbsent(f.file(), k -> new ArrayList<>())
          .add(
              String.format(
                  Locale.ROOT,
                  "    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"%s\""
                      + " source=\"lockstep.%s\"/>",
                  f.line(),
                  Math.max(f.finding().location().column(), 1),
                  f.severity(),
                  xml(f.finding().message()),
                  xml(f.check())));
    }
    for (FrontEnd.FileProblem p : report.problems()) {
      byFile
          .computeIfAbsent(p.file(), k -> new ArrayList<>())
          .add(
              "    <error severity=\"error\" message=\""
                  + xml("not analysed: " + p.reason())
                  + "\" source=\"lockstep.Scanner\"/>");
    }
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"8.0\">\n");
    byFile.forEach(
        (file, errors) -> {
          out.append("  <file name=\"").append(xml(file)).append("\">\n");
          errors.forEach(e -> out.append(e).append('\n'));
          out.append("  </file>\n");
        });
    out.append("</checkstyle>\n");
    return out.toString();
  }

  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("&#10;");
        default -> {
          if (c < 0x20 && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
