package dev.lockstep.scanner.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified diff ({@code git diff}, {@code diff -u}, a pull request's {@code .diff}) into the
 * lines it adds or changes in the new version of each file. Only the new side counts: a deleted
 * file has none, a pure rename has none, a new file has all of its lines. A hunk that only deletes
 * lines marks the two lines around the gap it leaves (ADR 0010: a removed release or permit changes
 * what the code around it does).
 */
final class UnifiedDiff {
  private static final Pattern HUNK =
      Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*");

  private UnifiedDiff() {}

  /** A diff that cannot be read: a usage error. */
  static final class MalformedDiff extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedDiff(String message) {
      super(message);
    }
  }

  /**
   * The changed lines of {@code diff}, its paths resolved against {@code base} (git writes them
   * relative to the repository's top level, after {@code a/} and {@code b/}).
   */
  static ChangedLines parse(String diff, Path base) {
    ChangedLines changed = new ChangedLines();
    Path file = null; // the new side of the current file; null for /dev/null or none yet
    int newLine = 0; // next line number on the new side inside a hunk
    int remaining = 0; // new-side lines the current hunk still has
    int oldRemaining = 0; // old-side lines the current hunk still has
    int lineNumber = 0;
    for (String raw : diff.split("\n", -1)) {
      lineNumber++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (remaining > 0 || oldRemaining > 0) {
        if (line.startsWith("\\")) {
          continue; // "\ No newline at end of file"
        }
        char kind = line.isEmpty() ? ' ' : line.charAt(0);
        switch (kind) {
          case '+' -> {
            if (file != null) {
              changed.add(file, newLine, 1);
            }
            newLine++;
            remaining--;
          }
          case '-' -> oldRemaining--;
          case ' ' -> {
            newLine++;
            remaining--;
            oldRemaining--;
          }
          default ->
              throw new MalformedDiff(
                  "line " + lineNumber + ": a hunk ends early (expected more lines)");
        }
        continue;
      }
      if (line.startsWith("+++ ")) {
        file = path(line.substring(4), base);
        if (file != null) {
          changed.add(file, 0, 0); // touched, even with no added line
        }
      } else if (line.startsWith("@@ ")) {
        Matcher m = HUNK.matcher(line);
        if (!m.matches()) {
          throw new MalformedDiff("line " + lineNumber + ": not a hunk header: " + line);
        }
        int start = Integer.parseInt(m.group(1));
        int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int oldCount = oldCount(line);
        if (file != null && count == 0) {
          // Lines removed after line `start`: the lines on both sides of the gap.
          changed.add(file, start, 1);
          changed.add(file, start + 1, 1);
        }
        newLine = start;
        remaining = count;
        oldRemaining = oldCount;
      }
      // Anything else ("diff --git", "index", "rename from", "new file mode", "Binary files",
      // "--- a/...", text before the first file) says nothing about the new side's lines.
    }
    if (remaining > 0 || oldRemaining > 0) {
      throw new MalformedDiff("the diff ends inside a hunk");
    }
    return changed;
  }

  private static int oldCount(String header) {
    Matcher m = Pattern.compile("^@@ -\\d+(?:,(\\d+))? ").matcher(header);
    return m.find() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 1;
  }

  /** The path of a {@code +++} line, or null for {@code /dev/null}. */
  private static Path path(String spec, Path base) {
    String name = spec;
    if (name.startsWith("\"")) {
      name = unquote(name);
    } else {
      int tab = name.indexOf('\t'); // "diff -u" puts a timestamp after a tab
      if (tab >= 0) {
        name = name.substring(0, tab);
      }
    }
    if (name.equals("/dev/null")) {
      return null;
    }
    if (name.startsWith("b/")) {
      name = name.substring(2);
    }
    return base.resolve(name).toAbsolutePath().normalize();
  }

  /** A path git quoted because of unusual characters: C escapes, octal bytes in UTF-8. */
  static String unquote(String quoted) {
    int end = quoted.lastIndexOf('"');
    if (end <= 0) {
      throw new MalformedDiff("unterminated quoted path: " + quoted);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 1; i < end; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case 'n' -> bytes.write('\n');
        case 't' -> bytes.write('\t');
        case 'r' -> bytes.write('\r');
        case 'a' -> bytes.write(7);
        case 'b' -> bytes.write('\b');
        case 'f' -> bytes.write('\f');
        case 'v' -> bytes.write(11);
        case '0', '1', '2', '3' -> {
          bytes.write(Integer.parseInt(quoted.substring(i, i + 3), 8));
          i += 2;
        }
        default -> bytes.write(e); // \" and \\
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
