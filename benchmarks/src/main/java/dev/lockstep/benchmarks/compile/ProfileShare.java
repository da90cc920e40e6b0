package dev.lockstep.benchmarks.compile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the compile benchmark (profile mode) and reports Lockstep's share of it:
 * execution samples with any Lockstep frame on the stack (the benchmark's own frames do not count)
 * over all samples, and Lockstep's methods by how often they are the innermost Lockstep frame
 * (where its own time goes) and by inclusive samples (what they cost with their callees).
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.lockstep.benchmarks.compile.ProfileShare lockstep.jfr
 * </pre>
 */
public final class ProfileShare {
  private static final String LOCKSTEP = "dev.lockstep.";
  private static final String HARNESS = "dev.lockstep.benchmarks.";
  private static final int TOP = 20;

  private ProfileShare() {}

  /** Prints the report for the recording named by the one argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ProfileShare recording.jfr");
      return;
    }
    report(Path.of(args[0]), System.out);
  }

  /** Prints Lockstep's share of the recording's execution samples to {@code out}. */
  static void report(Path recording, PrintStream out) throws IOException {
    long total = 0;
    long lockstep = 0;
    Map<String, Integer> innermost = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      RecordedStackTrace stack = event.getStackTrace();
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null) {
        continue;
      }
      total++;
      String inner = null;
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : stack.getFrames()) {
        RecordedMethod method = frame.getMethod();
        String name = method.getType().getName() + "." + method.getName();
        if (name.startsWith(LOCKSTEP) && !name.startsWith(HARNESS)) {
          inner = inner == null ? name : inner;
          if (seen.add(name)) {
            inclusive.merge(name, 1, Integer::sum);
          }
        }
      }
      if (inner != null) {
        lockstep++;
        innermost.merge(inner, 1, Integer::sum);
      }
    }
    out.printf(
        Locale.ROOT,
        "%d execution samples, %d with a Lockstep frame on the stack: %.1f %%%n",
        total,
        lockstep,
        total == 0 ? 0.0 : 100.0 * lockstep / total);
    print(out, "innermost Lockstep frame (self time)", innermost, total);
    print(out, "inclusive (with callees)", inclusive, total);
  }

  private static void print(PrintStream out, String title, Map<String, Integer> counts, long all) {
    out.println("== " + title);
    List<Map.Entry<String, Integer>> top =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(TOP)
            .toList();
    for (Map.Entry<String, Integer> entry : top) {
      out.printf(
          Locale.ROOT,
          "%6d %5.1f %%  %s%n",
          entry.getValue(),
          100.0 * entry.getValue() / all,
          entry.getKey());
    }
  }
}
