package dev.lockstep.scanner.lsp;

import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;

/** Lines and offsets of a document's text, as LSP positions count them (0-based, UTF-16). */
final class Lines {
  private Lines() {}

  /** The 0-based line {@code n} without its line break, or empty past the end. */
  static String line(String text, int n) {
    int start = lineStart(text, n);
    if (start < 0) {
      return "";
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return text.substring(start, end);
  }

  /** The offset where 0-based line {@code n} starts, or -1 past the end. */
  static int lineStart(String text, int n) {
    int offset = 0;
    for (int line = 0; line < n; line++) {
      int nl = text.indexOf('\n', offset);
      if (nl < 0) {
        return -1;
      }
      offset = nl + 1;
    }
    return offset;
  }

  /** The offset of a position (clamped to the text). */
  static int offset(String text, Position p) {
    int start = lineStart(text, p.getLine());
    if (start < 0) {
      return text.length();
    }
    return Math.min(text.length(), start + p.getCharacter());
  }

  /** Applies non-overlapping edits, as a client does. */
  static String apply(String text, List<TextEdit> edits) {
    List<TextEdit> sorted =
        edits.stream()
            .sorted(
                Comparator.comparingInt((TextEdit e) -> offset(text, e.getRange().getStart()))
                    .reversed())
            .toList();
    StringBuilder s = new StringBuilder(text);
    for (TextEdit e : sorted) {
      s.replace(
          offset(text, e.getRange().getStart()),
          offset(text, e.getRange().getEnd()),
          e.getNewText());
    }
    return s.toString();
  }
}
