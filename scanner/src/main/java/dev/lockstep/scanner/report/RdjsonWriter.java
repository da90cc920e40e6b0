package dev.lockstep.scanner.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.frontend.FrontEnd;

/**
 * reviewdog's Diagnostic Format ({@code rdjson}): one {@code DiagnosticResult} whose diagnostics
 * reviewdog posts as review comments ({@code reviewdog -f=rdjson}). Each hop of the first chain is
 * a related location, so the comment points at the call that waits; a file not analysed is an
 * {@code ERROR} diagnostic on that file.
 */
final class RdjsonWriter {
  private RdjsonWriter() {}

  static String write(Report report) {
    JsonObject root = new JsonObject();
    root.add("source", source());
    JsonArray diagnostics = new JsonArray();
    for (ReportFinding f : report.findings()) {
      JsonObject d = new JsonObject();
      d.addProperty("message", f.finding().message());
      d.add("location", location(f.file(), f.line(), f.finding().location().column()));
      d.addProperty("severity", f.severity().equals("error") ? "ERROR" : "WARNING");
      d.add("source", source());
      JsonObject code = new JsonObject();
      code.addProperty("value", f.check());
      code.addProperty("url", Report.docLink(f.check()));
      d.add("code", code);
      JsonArray related = new JsonArray();
      for (WaitChain chain : f.chains()) {
        for (Hop hop : chain.hops()) {
          if (hop.location().classFile() || hop.location().line() < 1) {
            continue; // a jar has no line to comment on
          }
          JsonObject r = new JsonObject();
          r.addProperty("message", hop.render());
          r.add(
              "location",
              location(hop.location().file(), hop.location().line(), hop.location().column()));
          related.add(r);
        }
      }
      if (!related.isEmpty()) {
        d.add("related_locations", related);
      }
      diagnostics.add(d);
    }
    for (FrontEnd.FileProblem p : report.problems()) {
      JsonObject d = new JsonObject();
      d.addProperty("message", "not analysed: " + p.reason());
      JsonObject location = new JsonObject();
      location.addProperty("path", p.file());
      d.add("location", location);
      d.addProperty("severity", "ERROR");
      diagnostics.add(d);
    }
    root.add("diagnostics", diagnostics);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject source() {
    JsonObject source = new JsonObject();
    source.addProperty("name", "lockstep");
    source.addProperty("url", "https://github.com/lockstep-dev/lockstep");
    return source;
  }

  private static JsonObject location(String file, int line, int column) {
    JsonObject start = new JsonObject();
    start.addProperty("line", line);
    if (column > 0) {
      start.addProperty("column", column);
    }
    JsonObject range = new JsonObject();
    range.add("start", start);
    JsonObject location = new JsonObject();
    location.addProperty("path", file);
    location.add("range", range);
    return location;
  }
}
