package dev.lockstep.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lockstep's main job on the bundled samples: compile them with the checks and print what they
 * find, then (as the stories land) run each story bad and fixed against real loopback servers.
 *
 * <p>Run it with {@code ./mvnw -q -Pdemo -DskipTests -pl samples -am verify} (README.md).
 */
public final class Demo {
  private Demo() {}

  /**
   * Entry point.
   *
   * @param args the samples' source root (default {@code src/main/java})
   */
  public static void main(String[] args) throws Exception {
    Path sources = Path.of(args.length > 0 ? args[0] : "src/main/java");
    List<Findings.Finding> findings = Findings.of(sources);
    System.out.println("Lockstep findings on the samples (" + sources + "):");
    Path base = Path.of("").toAbsolutePath();
    for (Findings.Finding finding : findings) {
      System.out.printf(
          "  %s:%d: %s: [%s] %s%n",
          base.relativize(finding.file()),
          finding.line(),
          finding.kind(),
          finding.check(),
          finding.message());
    }
    Map<String, Integer> perCheck = new TreeMap<>();
    findings.forEach(finding -> perCheck.merge(finding.check(), 1, Integer::sum));
    System.out.println(
        findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " " + perCheck);
  }
}
