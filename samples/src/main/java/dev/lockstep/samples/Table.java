package dev.lockstep.samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the demo's rows as a Markdown table (readable in a terminal and on GitHub). */
final class Table {
  private static final List<String> HEADER =
      List.of(
          "story", "variant", "N", "RTT", "k", "wall", "ideal", "speedup", "achieved ∥", "window");

  private Table() {}

  static String render(List<Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (Row row : rows) {
      cells.add(
          List.of(
              row.story(),
              row.variant(),
              Integer.toString(row.settings().n()),
              millis(row.settings().rtt()),
              Integer.toString(row.settings().k()),
              seconds(row.wall()),
              seconds(row.ideal()),
              String.format(Locale.ROOT, "%.1f×", row.speedup()),
              String.format(Locale.ROOT, "%.2f", row.achieved()),
              row.window()));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      appendLine(out, cells.get(r), widths);
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(width));
        }
        appendLine(out, rule, widths);
      }
    }
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> line, int[] widths) {
    out.append('|');
    for (int i = 0; i < line.size(); i++) {
      out.append(' ').append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length()));
      out.append(" |");
    }
    out.append('\n');
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
  }
}
