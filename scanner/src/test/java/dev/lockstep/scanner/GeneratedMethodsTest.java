package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method of more than 2 000 statements is generated code: SerialFanOut does not read it (in the
 * scanner every call's resolution walks the whole method, so the fuzz test's 10 000-statement
 * mutants took minutes). The same two sends in a short method are reported.
 */
final class GeneratedMethodsTest {
  @TempDir Path dir;

  private List<String> serialFanOutLines(int pairs) throws IOException {
    Path client = dir.resolve("test/Client.java");
    Files.createDirectories(client.getParent());
    Files.copy(
        ParityTest.caseFile("fakeSharedObjects", "test/Client.java"),
        client,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs; i++) {
      body.append("    String a").append(i).append(" = users.send(\"a").append(i).append("\");\n");
      body.append("    String b").append(i).append(" = orders.send(\"b").append(i).append("\");\n");
      body.append("    if (a").append(i).append(".isEmpty()) { return b").append(i).append("; }\n");
    }
    String source =
        "package test;\nclass Generated {\n  private final Client users = new Client();\n"
            + "  private final Client orders = new Client();\n"
            + "  String run() throws Exception {\n"
            + body
            + "    return \"\";\n  }\n}\n";
    Files.writeString(dir.resolve("test/Generated.java"), source, StandardCharsets.UTF_8);
    FrontEnd.Result result = ParityTest.scan(dir, List.of(), List.of());
    return result.findings().stream()
        .filter(f -> f.finding().check().equals("SerialFanOut"))
        .map(f -> f.finding().location().line() + " " + f.finding().message())
        .toList();
  }

  @Test
  void aShortMethodIsRead() throws IOException {
    assertThat(serialFanOutLines(2)).hasSize(2);
  }

  @Test
  void aMethodOfMoreThan2000StatementsIsNot() throws IOException {
    assertThat(serialFanOutLines(700)).isEmpty();
  }
}
