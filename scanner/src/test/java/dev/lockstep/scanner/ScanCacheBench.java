package dev.lockstep.scanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incremental cache's benchmark (issue 17 part 4, ADR 0016): cold, warm and one-file-changed
 * scans of one tree, each a separate {@code java -jar} process timed by {@code /usr/bin/time}, and
 * every cached scan's findings compared with a scan without the cache of the same tree. Not run by
 * the build; run it with the JDK's single-file launcher:
 *
 * <pre>
 * java scanner/src/test/java/dev/lockstep/scanner/ScanCacheBench.java \
 *   --jar scanner/target/lockstep-scanner.jar --tree /tmp/jdksrc/java.base --xmx 6g \
 *   --change java/util/zip/Adler32.java --change java/util/HashMap.java
 * </pre>
 *
 * Each {@code --change} file gets a private method appended (a content change that adds no type and
 * no call), is scanned with the cache, compared, and restored. Prints a Markdown table.
 */
final class ScanCacheBench {
  private ScanCacheBench() {}

  private record Run(
      String phase,
      double wall,
      double cpu,
      long rssKb,
      int analysed,
      int fromCache,
      int findings,
      String same) {
    /** Where this run's findings are kept for comparing. */
    Path findingsFile(Path work) {
      return work.resolve("findings-" + Integer.toHexString(phase.hashCode()) + ".txt");
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = null;
    Path tree = null;
    String xmx = "6g";
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--jar" -> jar = Path.of(args[i + 1]);
        case "--tree" -> tree = Path.of(args[i + 1]);
        case "--xmx" -> xmx = args[i + 1];
        case "--java" -> java = args[i + 1];
        case "--change" -> changes.add(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (jar == null || tree == null) {
      throw new IllegalArgumentException("--jar JAR --tree DIR [--xmx 6g] [--change FILE]...");
    }
    Path work = Files.createTempDirectory("lockstep-cache-bench");
    Path cache = work.resolve("cache");
    Scanner scanner = new Scanner(java, jar, tree, xmx, work);
    List<Run> runs = new ArrayList<>();

    Run baseline = scanner.run("no cache (today's scan)", null, null);
    runs.add(baseline);
    Run cold = scanner.run("cold (empty cache)", cache, baseline);
    runs.add(cold);
    runs.add(scanner.run("warm (nothing changed)", cache, baseline));
    for (String change : changes) {
      Path file = tree.resolve(change);
      String original = Files.readString(file, StandardCharsets.ISO_8859_1);
      int end = original.lastIndexOf('}');
      try {
        Files.writeString(
            file,
            original.substring(0, end)
                + "    private static int lockstepBenchProbe() { return 1; }\n"
                + original.substring(end),
            StandardCharsets.ISO_8859_1);
        Run fresh = scanner.run("no cache, " + change + " changed", null, null);
        runs.add(scanner.run("one file changed: " + change, cache, fresh));
      } finally {
        Files.writeString(file, original, StandardCharsets.ISO_8859_1);
      }
      runs.add(scanner.run("restored: " + change, cache, baseline));
    }

    System.out.println(
        "| scan | wall (s) | CPU (s) | max RSS (MB) | files analysed | from cache | findings |"
            + " same findings as without the cache |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
    for (Run r : runs) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %d | %d | %d | %d | %s |%n",
          r.phase(),
          r.wall(),
          r.cpu(),
          r.rssKb() / 1024,
          r.analysed(),
          r.fromCache(),
          r.findings(),
          r.same());
    }
  }

  /** Runs the scanner as a separate process and reads its JSON report. */
  private record Scanner(String java, Path jar, Path tree, String xmx, Path work) {
    Run run(String phase, Path cache, Run reference) throws IOException, InterruptedException {
      Path report = work.resolve("report-" + System.nanoTime() + ".json");
      Path times = work.resolve("time.txt");
      List<String> command =
          new ArrayList<>(
              List.of(
                  "/usr/bin/time",
                  "-o",
                  times.toString(),
                  "-f",
                  "%e %U %S %M",
                  java,
                  "-Xmx" + xmx,
                  "-jar",
                  jar.toString(),
                  "scan",
                  "--format",
                  "json",
                  "--output",
                  report.toString()));
      if (cache == null) {
        command.add("--no-cache");
      } else {
        command.addAll(List.of("--cache", cache.toString()));
      }
      command.add(tree.toString());
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("scan.log").toFile())
              .start();
      p.waitFor();
      // The last line: time first says "Command exited with non-zero status 1" (findings).
      List<String> lines = Files.readAllLines(times);
      List<String> t = new ArrayList<>();
      Matcher field = Pattern.compile("\\S+").matcher(lines.get(lines.size() - 1));
      while (field.find()) {
        t.add(field.group());
      }
      String json = Files.readString(report, StandardCharsets.UTF_8);
      String findings = findings(json);
      String same =
          reference == null
              ? "–"
              : findings.equals(Files.readString(reference.findingsFile(work))) ? "yes" : "**no**";
      Run run =
          new Run(
              phase,
              Double.parseDouble(t.get(0)),
              Double.parseDouble(t.get(1)) + Double.parseDouble(t.get(2)),
              Long.parseLong(t.get(3)),
              number(json, "filesAnalysed"),
              number(json, "filesFromCache"),
              number(json, "findings"),
              same);
      Files.writeString(run.findingsFile(work), findings);
      System.err.println(run);
      return run;
    }
  }

  /** The report's findings array, as text (Gson writes it the same way for the same findings). */
  private static String findings(String json) {
    int start = json.indexOf("\"findings\": [");
    int end = json.indexOf("\"problems\":", start);
    return start < 0 || end < 0 ? json : json.substring(start, end);
  }

  private static int number(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\": (\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
