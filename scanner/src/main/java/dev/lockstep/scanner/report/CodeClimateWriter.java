package dev.lockstep.scanner.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.util.HashMap;
import java.util.Map;

/**
 * The Code Climate issue format as GitLab reads it for its Code Quality report ({@code
 * artifacts:reports:codequality}): a JSON array of issues with {@code description}, {@code
 * check_name}, {@code fingerprint}, {@code severity} and {@code location.path}/{@code
 * location.lines.begin}. GitLab tells issues apart by fingerprint, so identical loops in one member
 * (one baseline key) get a numbered one each. A file not analysed is a {@code blocker} issue.
 */
final class CodeClimateWriter {
  private CodeClimateWriter() {}

  static String write(Report report) {
    JsonArray issues = new JsonArray();
    Map<String, Integer> seen = new HashMap<>();
    for (ReportFinding f : report.findings()) {
      JsonObject issue = new JsonObject();
      issue.addProperty("type", "issue");
      issue.addProperty("check_name", f.check());
      issue.addProperty("description", f.finding().message());
      JsonArray categories = new JsonArray();
      categories.add("Performance");
      issue.add("categories", categories);
      issue.addProperty("severity", f.severity().equals("error") ? "critical" : "major");
      int n = seen.merge(f.fingerprint(), 1, Integer::sum);
      issue.addProperty(
          "fingerprint",
          n == 1
              ? f.fingerprint()
              : ReportFinding.sha256(f.fingerprint() + "#" + n).substring(0, 32));
      issue.add("location", location(f.file(), f.line()));
      JsonArray others = new JsonArray();
      StringBuilder body = new StringBuilder();
      for (WaitChain chain : f.chains()) {
        body.append("- ").append(chain.render()).append('\n');
        for (Hop hop : chain.hops()) {
          if (!hop.location().classFile() && hop.location().line() > 0) {
            others.add(location(hop.location().file(), hop.location().line()));
          }
        }
      }
      JsonObject content = new JsonObject();
      content.addProperty(
          "body",
          "Chains:\n\n" + body + "\n[" + f.check() + "](" + Report.docLink(f.check()) + ")");
      issue.add("content", content);
      if (!others.isEmpty()) {
        issue.add("other_locations", others);
      }
      issues.add(issue);
    }
    for (FrontEnd.FileProblem p : report.problems()) {
      JsonObject issue = new JsonObject();
      issue.addProperty("type", "issue");
      issue.addProperty("check_name", "lockstep.Scanner");
      issue.addProperty("description", "not analysed: " + p.reason());
      JsonArray categories = new JsonArray();
      categories.add("Bug Risk");
      issue.add("categories", categories);
      issue.addProperty("severity", "blocker");
      issue.addProperty(
          "fingerprint", ReportFinding.sha256("not analysed\n" + p.file()).substring(0, 32));
      issue.add("location", location(p.file(), 1));
      issues.add(issue);
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(issues)
        + "\n";
  }

  private static JsonObject location(String file, int line) {
    JsonObject lines = new JsonObject();
    lines.addProperty("begin", line);
    JsonObject location = new JsonObject();
    location.addProperty("path", file);
    location.add("lines", lines);
    return location;
  }
}
