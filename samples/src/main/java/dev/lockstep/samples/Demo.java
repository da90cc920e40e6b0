package dev.lockstep.samples;

import dev.lockstep.annotations.Sequential;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lockstep's main job on the bundled samples: compile them with the checks and print what they
 * find, then run each story bad and fixed against real loopback HTTP servers and print what the fix
 * buys.
 *
 * <p>Run it with {@code ./mvnw -q -Pdemo -DskipTests -pl samples -am verify} (README.md); add
 * {@code -Ddemo.args="--full"} for the seed numbers (50 items, 200 ms, k = 5, about a minute), or
 * {@code -Ddemo.args="--n 20 --rtt 50 --k 4"} for your own.
 */
public final class Demo {
  private Demo() {}

  /**
   * Entry point.
   *
   * @param args the samples' source root, then {@code --full}, {@code --quick} (the default),
   *     {@code --findings-only}, or {@code --n N --rtt MILLIS --k K}
   */
  @Sequential(reason = "stories are measured one at a time: run together, they would share the CPU")
  public static void main(String[] args) throws Exception {
    Path sources = Path.of("src/main/java");
    Settings settings = Settings.QUICK;
    boolean measure = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--full" -> settings = Settings.FULL;
        case "--quick" -> settings = Settings.QUICK;
        case "--findings-only" -> measure = false;
        case "--n" -> settings = new Settings(intArg(args, ++i), settings.rtt(), settings.k());
        case "--rtt" ->
            settings =
                new Settings(settings.n(), Duration.ofMillis(intArg(args, ++i)), settings.k());
        case "--k" -> settings = new Settings(settings.n(), settings.rtt(), intArg(args, ++i));
        case "" -> {} // an empty -Ddemo.args
        default -> {
          if (args[i].startsWith("--")) {
            System.err.println("demo: unknown option " + args[i]);
            System.exit(2);
          }
          sources = Path.of(args[i]);
        }
      }
    }
    printFindings(sources);
    if (measure) {
      System.out.printf(
          "%nEach story, bad and fixed, against loopback HTTP servers (N = %d, RTT = %d ms, k ="
              + " %d):%n%n",
          settings.n(), settings.rtt().toMillis(), settings.k());
      // One small pass first, so that the measured runs don't pay for class loading and the JIT.
      Settings warmUp = new Settings(settings.k(), settings.rtt(), settings.k());
      GroupsStory.run(warmUp);
      RelayStory.run(warmUp);
      IngestStory.run(warmUp);
      MetadataStory.run(warmUp);
      List<Row> rows = new ArrayList<>();
      rows.addAll(GroupsStory.run(settings));
      rows.addAll(RelayStory.run(settings));
      rows.addAll(IngestStory.run(settings));
      rows.addAll(MetadataStory.run(settings));
      System.out.print(Table.render(rows));
      System.out.println(
          "\nideal: the story's round trips in a window of k; speedup: against the bad variant;"
              + " achieved ∥: the servers' busy time over wall time; window: the window's own"
              + " stats (service parallelism exposes a lock inside the calls).");
    }
  }

  private static void printFindings(Path sources) throws Exception {
    List<Findings.Finding> findings = Findings.of(sources);
    System.out.println("Lockstep findings on the samples (" + sources + "):");
    Path base = sources.toAbsolutePath();
    for (Findings.Finding finding : findings) {
      System.out.printf(
          "  %s:%d: %s: [%s] %s%n",
          base.relativize(finding.file().toAbsolutePath()),
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

  private static int intArg(String[] args, int i) {
    if (i >= args.length) {
      System.err.println("demo: " + args[i - 1] + " needs a number");
      System.exit(2);
    }
    return Integer.parseInt(args[i]);
  }
}
