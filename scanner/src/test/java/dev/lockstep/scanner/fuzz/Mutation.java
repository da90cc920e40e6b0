package dev.lockstep.scanner.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way to damage a Java source file: what editors, merges, generators and attackers produce.
 * Each is deterministic given the {@link Random}, so a failing case can be replayed from its seed.
 */
enum Mutation {
  DROP_TOKEN {
    @Override
    String apply(String source, Random random) {
      List<String> tokens = tokens(source);
      int i = codeToken(tokens, random);
      if (i >= 0) {
        tokens.remove(i);
      }
      return String.join("", tokens);
    }
  },
  DUPLICATE_TOKEN {
    @Override
    String apply(String source, Random random) {
      List<String> tokens = tokens(source);
      int i = codeToken(tokens, random);
      if (i >= 0) {
        tokens.add(i, tokens.get(i));
      }
      return String.join("", tokens);
    }
  },
  SWAP_TOKENS {
    @Override
    String apply(String source, Random random) {
      List<String> tokens = tokens(source);
      int i = codeToken(tokens, random);
      int j = codeToken(tokens, random);
      if (i >= 0 && j >= 0) {
        String t = tokens.get(i);
        tokens.set(i, tokens.get(j));
        tokens.set(j, t);
      }
      return String.join("", tokens);
    }
  },
  DROP_LINE {
    @Override
    String apply(String source, Random random) {
      List<String> lines = lines(source);
      if (!lines.isEmpty()) {
        lines.remove(random.nextInt(lines.size()));
      }
      return String.join("", lines);
    }
  },
  DUPLICATE_LINE {
    @Override
    String apply(String source, Random random) {
      List<String> lines = lines(source);
      if (!lines.isEmpty()) {
        int i = random.nextInt(lines.size());
        lines.add(i, lines.get(i));
      }
      return String.join("", lines);
    }
  },
  SWAP_LINES {
    @Override
    String apply(String source, Random random) {
      List<String> lines = lines(source);
      if (lines.size() > 1) {
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      return String.join("", lines);
    }
  },
  TRUNCATE {
    @Override
    String apply(String source, Random random) {
      return source.substring(0, random.nextInt(source.length() + 1));
    }
  },
  /** Blocks, parentheses, ifs, loops, lambdas, ternaries or generics nested hundreds deep. */
  DEEP_NESTING {
    @Override
    String apply(String source, Random random) {
      int depth = 50 + random.nextInt(random.nextBoolean() ? 300 : 3000);
      String nested =
          switch (random.nextInt(7)) {
            case 0 -> "{".repeat(depth) + "}".repeat(depth);
            case 1 -> "int deep = " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";";
            case 2 -> "if (deep()) ".repeat(depth) + "run();";
            case 3 ->
                "for (String q : java.util.List.of(\"a\")) ".repeat(depth)
                    + "System.out.println(q);";
            case 4 -> "Runnable deep = " + "() -> ".repeat(depth) + "null;";
            case 5 -> "int deep = " + "a ? 1 : ".repeat(depth) + "0;";
            default ->
                "java.util.List<".repeat(depth) + "String" + ">".repeat(depth) + " deep = null;";
          };
      return intoBody(source, random, nested);
    }
  },
  /**
   * A method of 10 000 statements, or one 10 000-term sum. In the loop variant the last 50 of them
   * are the body of a loop over items, whose calls the scanner resolves: JavaParser walks the whole
   * method for each type name it resolves there, so 10 000 statements in a loop body take ≈ 30 s
   * (not a failure, but too slow for the default build).
   */
  HUGE_METHOD {
    @Override
    String apply(String source, Random random) {
      StringBuilder body = new StringBuilder();
      int inLoop = random.nextBoolean() ? 50 : 0;
      String[] statements = {
        "count++;", "item.length();", "if (count > 3) count--;", "System.out.println(count);",
      };
      if (random.nextInt(4) == 0) {
        body.append("long sum = 0");
        for (int i = 0; i < 10_000; i++) {
          body.append(" + ").append(i);
        }
        body.append(";\n");
      } else {
        for (int i = 0; i < 10_000; i++) {
          if (i == 10_000 - inLoop) {
            body.append("for (String each : items) {\nitem = each;\n");
          }
          body.append(statements[random.nextInt(statements.length)]).append('\n');
        }
        if (inLoop > 0) {
          body.append("}\n");
        }
      }
      String method =
          "\nvoid huge(java.util.List<String> items) {\nint count = 0;\nString item = \"\";\n"
              + body
              + "}\n";
      return intoClass(source, method);
    }
  },
  ODD_UNICODE {
    @Override
    String apply(String source, Random random) {
      String[] odd = {
        "\uFEFF", // byte order mark
        "\u200B", // zero-width space
        "\u202E", // right-to-left override
        "\uD800", // lone high surrogate
        "\uDC00", // lone low surrogate
        "\uD83D\uDE00", // an emoji
        "\u0000",
        "\u001A", // SUB, DOS end of file
        "\\u000a", // a unicode escape for a newline: ends a // comment
        "\\u0022", // a unicode escape for a quote
        "\\uuuu0041",
        "\\u00G1", // an invalid escape
        "переменная",
        "e\u0301", // a combining accent
        "\u2028", // line separator
        "ℵ",
      };
      StringBuilder out = new StringBuilder(source);
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        out.insert(random.nextInt(out.length() + 1), odd[random.nextInt(odd.length)]);
      }
      return out.toString();
    }
  },
  UNTERMINATED_COMMENT {
    @Override
    String apply(String source, Random random) {
      return insertAt(source, random, random.nextBoolean() ? "/*" : "/**");
    }
  },
  UNTERMINATED_STRING {
    @Override
    String apply(String source, Random random) {
      String[] opens = {"\"", "'", "\"\"\"", "\"\"\"\n", "\"\\"};
      return insertAt(source, random, opens[random.nextInt(opens.length)]);
    }
  },
  HUGE_LITERAL {
    @Override
    String apply(String source, Random random) {
      int n = 1_000 + random.nextInt(100_000);
      String literal =
          switch (random.nextInt(6)) {
            case 0 -> "int big = " + "9".repeat(n) + ";";
            case 1 -> "long big = 0x" + "F".repeat(n) + "L;";
            case 2 -> "double big = 1e" + "9".repeat(n) + ";";
            case 3 -> "String big = \"" + "x".repeat(n) + "\";";
            case 4 -> "String big = \"\"\"\n" + "y".repeat(n) + "\n\"\"\";";
            default -> "char big = '" + "z".repeat(Math.min(n, 50)) + "';";
          };
      return intoBody(source, random, literal);
    }
  };

  /** The damaged text. */
  abstract String apply(String source, Random random);

  /**
   * Tokens and the whitespace and comments between them, so that joining them restores the text.
   */
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s+|//[^\\n]*|/\\*.*?\\*/|\"(?:[^\"\\\\\\n]++|\\\\.)*+\"|'(?:[^'\\\\\\n]++|\\\\.)*+'"
              + "|[\\p{L}_$][\\p{L}\\p{N}_$]*|\\d[\\w.]*|.",
          Pattern.DOTALL);

  static List<String> tokens(String source) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(source);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /** A random token that is code (not whitespace or a comment), or -1. */
  private static int codeToken(List<String> tokens, Random random) {
    List<Integer> code = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (!t.isBlank() && !t.startsWith("//") && !t.startsWith("/*")) {
        code.add(i);
      }
    }
    return code.isEmpty() ? -1 : code.get(random.nextInt(code.size()));
  }

  /** The lines, each with its line break. */
  private static List<String> lines(String source) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        lines.add(source.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < source.length()) {
      lines.add(source.substring(start));
    }
    return lines;
  }

  private static String insertAt(String source, Random random, String text) {
    int at = random.nextInt(source.length() + 1);
    return source.substring(0, at) + text + source.substring(at);
  }

  /** Into the body of a random method (after its closing parenthesis and brace), else anywhere. */
  private static String intoBody(String source, Random random, String statements) {
    List<Integer> bodies = new ArrayList<>();
    Matcher m = Pattern.compile("\\)\\s*(?:throws [\\w., ]+)?\\{").matcher(source);
    while (m.find()) {
      bodies.add(m.end());
    }
    if (bodies.isEmpty()) {
      return insertAt(source, random, statements);
    }
    int at = bodies.get(random.nextInt(bodies.size()));
    return source.substring(0, at) + "\n" + statements + "\n" + source.substring(at);
  }

  /** Into the body of the first class, else at the end. */
  private static String intoClass(String source, String member) {
    Matcher m = Pattern.compile("\\bclass\\s+\\w+[^{]*\\{").matcher(source);
    if (!m.find()) {
      return source + member;
    }
    return source.substring(0, m.end()) + member + source.substring(m.end());
  }
}
