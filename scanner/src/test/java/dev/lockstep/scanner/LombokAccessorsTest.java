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
 * Lombok's getters and setters, which javac sees and JavaParser does not: a loop whose wait sits in
 * a call that takes a Lombok getter's result (testcontainers-java #5037: {@code
 * store.getOrComputeIfAbsent(adapter.getKey(), k -> adapter.start())}) is found by the scanner too.
 * Lombok's jar is not on the scan's classpath, as in a scan of a sources jar.
 */
final class LombokAccessorsTest {
  @TempDir Path dir;

  private List<String> serialAwaitLines(String source) throws IOException {
    Path client = dir.resolve("test/Client.java");
    Files.createDirectories(client.getParent());
    Files.copy(
        ParityTest.caseFile("fakeSharedObjects", "test/Client.java"),
        client,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("test/Starts.java"), source, StandardCharsets.UTF_8);
    FrontEnd.Result result = ParityTest.scan(dir, List.of(), List.of());
    return result.findings().stream()
        .filter(f -> f.finding().check().equals("SerialAwaitInLoop"))
        .map(f -> f.finding().location().line() + " " + f.finding().message())
        .toList();
  }

  private static String starts(String keyAnnotation, String classAnnotation, String keyCall) {
    return """
        package test;
        import java.util.List;
        import java.util.Map;
        import lombok.AccessLevel;
        import lombok.Getter;
        import lombok.Setter;
        class Starts {
          %s
          static final class Adapter {
            %s
            private String key;
            private boolean started;
            private final Client client = new Client();
            Adapter start() throws Exception {
              client.send(key);
              return this;
            }
          }
          void startAll(List<Adapter> adapters, Map<String, Adapter> store) {
            for (Adapter adapter : adapters) {
              store.computeIfAbsent(%s, k -> {
                try {
                  return adapter.start();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
            }
          }
        }
        """
        .formatted(classAnnotation, keyAnnotation, keyCall);
  }

  @Test
  void aFieldGetterResolves() throws IOException {
    List<String> lines = serialAwaitLines(starts("@Getter", "", "adapter.getKey()"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("20 loop over 'adapters' waits once per item");
  }

  @Test
  void classLevelAnnotationsDeclareGettersForEveryField() throws IOException {
    assertThat(serialAwaitLines(starts("", "@lombok.Data", "adapter.getKey()"))).hasSize(1);
    // boolean started: isStarted(), as Lombok names it
    assertThat(
            serialAwaitLines(
                starts("", "@Getter", "adapter.isStarted() ? \"a\" : adapter.getKey()")))
        .hasSize(1);
  }

  /** No getter is declared where Lombok generates none: the call stays unresolved, no finding. */
  @Test
  void accessLevelNoneDeclaresNothing() throws IOException {
    assertThat(serialAwaitLines(starts("@Getter(AccessLevel.NONE)", "", "adapter.getKey()")))
        .isEmpty();
    assertThat(serialAwaitLines(starts("@Setter", "", "adapter.getKey()"))).isEmpty();
  }
}
