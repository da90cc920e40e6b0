package dev.lockstep.scanner.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted findings, keyed by {@link ReportFinding#fingerprint()} (check, file, enclosing member,
 * normalised snippet hash; never the line), counted: two identical loops in one method are two
 * entries. Stored as JSON, one entry per finding, readable in review.
 */
public final class Baseline {
  private final Map<String, Integer> counts;

  private Baseline(Map<String, Integer> counts) {
    this.counts = counts;
  }

  public static Baseline empty() {
    return new Baseline(new HashMap<>());
  }

  /**
   * Reads a baseline file.
   *
   * @throws IOException when it cannot be read or is not a baseline
   */
  public static Baseline read(Path file) throws IOException {
    try {
      JsonObject root =
          JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      Map<String, Integer> counts = new HashMap<>();
      for (var e : root.getAsJsonArray("findings")) {
        counts.merge(e.getAsJsonObject().get("fingerprint").getAsString(), 1, Integer::sum);
      }
      return new Baseline(counts);
    } catch (JsonParseException | IllegalStateException | NullPointerException e) {
      throw new IOException(file + " is not a Lockstep baseline: " + e.getMessage(), e);
    }
  }

  /** What matching findings against the baseline gave. */
  public record Match(List<ReportFinding> findings, int baselined, int fixed) {}

  /** Marks the findings the baseline holds; counts the baseline entries no longer found. */
  public Match match(List<ReportFinding> findings) {
    Map<String, Integer> left = new HashMap<>(counts);
    List<ReportFinding> marked = new ArrayList<>();
    int baselined = 0;
    for (ReportFinding f : findings) {
      Integer n = left.get(f.fingerprint());
      if (n != null && n > 0) {
        left.put(f.fingerprint(), n - 1);
        baselined++;
        marked.add(new ReportFinding(f.finding(), f.severity(), f.member(), f.snippet(), false));
      } else {
        marked.add(f);
      }
    }
    int fixed = left.values().stream().mapToInt(Integer::intValue).sum();
    return new Match(marked, baselined, fixed);
  }

  /** Writes all {@code findings} as the new baseline. */
  public static void write(Path file, List<ReportFinding> findings) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("version", 1);
    root.addProperty(
        "comment",
        "Lockstep baseline: accepted findings, keyed by check, file, member and snippet hash."
            + " Regenerate with: lockstep scan --baseline <this file> --update-baseline");
    JsonArray array = new JsonArray();
    for (ReportFinding f : findings) {
      JsonObject o = new JsonObject();
      o.addProperty("check", f.check());
      o.addProperty("file", f.file());
      o.addProperty("member", f.member());
      o.addProperty("snippet", f.snippet());
      o.addProperty("fingerprint", f.fingerprint());
      array.add(o);
    }
    root.add("findings", array);
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, gson.toJson(root) + "\n", StandardCharsets.UTF_8);
  }
}
