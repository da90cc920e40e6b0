package dev.lockstep.scanner.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file's text as written, addressed by JavaParser positions (line, column; a tab is one column).
 *
 * <p>The scanner parses without keeping JavaParser's token list: the list (every token, whitespace
 * and comments included, linked both ways) held most of a scan's memory and cost parse time, and
 * the scanner only needs tokens for two things this class answers from the text instead: the source
 * of a node as written, and where the {@code .} before a method name is.
 */
final class SourceText {
  /** The text of a parsed compilation unit. */
  static final DataKey<SourceText> KEY = new DataKey<>() {};

  private final String text;

  /** Offsets at which each line starts; line 1 starts at 0. */
  private final int[] lineStarts;

  SourceText(String text) {
    this.text = text;
    int[] starts = new int[64];
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // \n, \r\n and a lone \r end a line, as the JavaParser lexer counts them.
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, lines);
  }

  /** The text of the unit around {@code node}, if it was parsed by the scanner. */
  static Optional<SourceText> of(Node node) {
    return node.findCompilationUnit().filter(u -> u.containsData(KEY)).map(u -> u.getData(KEY));
  }

  static void attach(CompilationUnit unit, SourceText text) {
    unit.setData(KEY, text);
  }

  /** The node's source as written, or its pretty-printed form when positions are missing. */
  static String source(Node node) {
    Optional<Range> range = node.getRange();
    Optional<SourceText> text = of(node);
    if (range.isPresent() && text.isPresent()) {
      Optional<String> slice = text.orElseThrow().slice(range.orElseThrow());
      if (slice.isPresent()) {
        return slice.orElseThrow();
      }
    }
    return node.toString();
  }

  /** The text from {@code range.begin} to {@code range.end}, both included. */
  Optional<String> slice(Range range) {
    int begin = offset(range.begin);
    int end = offset(range.end);
    if (begin < 0 || end < begin || end >= text.length()) {
      return Optional.empty();
    }
    return Optional.of(text.substring(begin, end + 1));
  }

  /**
   * The position of the last character between {@code after} and {@code before} (both excluded)
   * that is neither whitespace nor in a comment, if that character is {@code wanted}.
   */
  Optional<Position> lastSignificant(Position after, Position before, char wanted) {
    int from = offset(after);
    int to = offset(before);
    if (from < 0 || to < 0 || to > text.length()) {
      return Optional.empty();
    }
    int last = -1;
    for (int i = from + 1; i < to; i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < to && text.charAt(i + 1) == '/') {
        while (i < to && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && i + 1 < to && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        if (close < 0 || close >= to) {
          return Optional.empty();
        }
        i = close + 1;
      } else if (!Character.isWhitespace(c)) {
        last = i;
      }
    }
    return last >= 0 && text.charAt(last) == wanted
        ? Optional.of(position(last))
        : Optional.empty();
  }

  /** The offset of a position, or -1 when it is outside the text. */
  int offset(Position p) {
    if (p.line < 1 || p.line > lineStarts.length || p.column < 1) {
      return -1;
    }
    int offset = lineStarts[p.line - 1] + p.column - 1;
    return offset <= text.length() ? offset : -1;
  }

  Position position(int offset) {
    int line = Arrays.binarySearch(lineStarts, offset);
    if (line < 0) {
      line = -line - 2; // the line starting before the offset
    }
    return new Position(line + 1, offset - lineStarts[line] + 1);
  }
}
