package dev.lockstep.benchmarks.compile;

import java.net.URI;
import javax.tools.SimpleJavaFileObject;

/**
 * One source file held in memory, so that a timed compilation reads no file system for its sources.
 * The URI keeps the file's path inside its project, which javac uses to check that a public class
 * sits in a file of its name.
 */
public final class SourceFile extends SimpleJavaFileObject {
  private final String path;
  private final String content;
  private final int nonBlankLines;

  /**
   * Wraps {@code content} as the file at {@code path} (relative, with '/', e.g. {@code
   * com/google/gson/Gson.java}) of {@code project}.
   */
  public SourceFile(String project, String path, String content) {
    super(URI.create("corpus:///" + project + "/" + path), Kind.SOURCE);
    this.path = path;
    this.content = content;
    this.nonBlankLines = countNonBlankLines(content);
  }

  /** The path inside the project, with '/'. */
  public String path() {
    return path;
  }

  /** The lines that hold more than white space; comments count, as in NullAway's benchmarks. */
  public int nonBlankLines() {
    return nonBlankLines;
  }

  @Override
  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
    return content;
  }

  private static int countNonBlankLines(String text) {
    int lines = 0;
    boolean blank = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (!blank) {
          lines++;
        }
        blank = true;
      } else if (!Character.isWhitespace(c)) {
        blank = false;
      }
    }
    return blank ? lines : lines + 1;
  }
}
