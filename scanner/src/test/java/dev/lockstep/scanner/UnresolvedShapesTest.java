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
 * Precision where the scanner sees less than javac: a lambda whose consumer does not resolve is not
 * known to run synchronously, a helper whose declaration does not resolve is not read, so neither
 * gives a finding (the checker never sees such code: it does not compile). Each test also scans the
 * resolvable twin, which must be flagged, so the negative cannot pass by accident.
 */
final class UnresolvedShapesTest {
  @TempDir Path dir;

  private List<String> fakeConcurrencyLines(String file, String source) throws IOException {
    for (String fixture : List.of("test/Client.java", "dev/lockstep/window/BoundedWindow.java")) {
      Path target = dir.resolve(fixture);
      Files.createDirectories(target.getParent());
      Files.copy(
          ParityTest.caseFile("fakeSharedObjects", fixture),
          target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path target = dir.resolve("test").resolve(file);
    Files.writeString(target, source, StandardCharsets.UTF_8);
    FrontEnd.Result result = ParityTest.scan(dir, List.of(), List.of());
    Files.delete(target);
    return result.findings().stream()
        .filter(f -> f.finding().check().equals("FakeConcurrency"))
        .map(f -> f.finding().location().line() + " " + f.finding().message())
        .toList();
  }

  private static String retrying(String retryImport, String retryCall) {
    return """
        package test;
        import dev.lockstep.window.BoundedWindow;
        import java.util.List;
        %s
        class Retrying {
          private final Client client = new Client();
          static <T> T retry(java.util.concurrent.Callable<T> call) throws Exception {
            return call.call();
          }
          String send(String id) throws Exception {
            return %s(() -> {
              synchronized (this) {
                return client.send(id);
              }
            });
          }
          void run(List<String> ids) throws Exception {
            BoundedWindow.of(5).forEach(ids, this::send);
          }
        }
        """
        .formatted(retryImport, retryCall);
  }

  @Test
  void lambdaOfAnUnresolvedConsumerHoldsNoLock() throws IOException {
    List<String> resolved = fakeConcurrencyLines("Retrying.java", retrying("", "retry"));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0)).startsWith("18 5 workers, effective parallelism 1");
    assertThat(
            fakeConcurrencyLines(
                "Retrying.java", retrying("import org.absent.Retries;", "Retries.retry")))
        .isEmpty();
  }

  private static String passing(String helpersImport, String helpers) {
    return """
        package test;
        import dev.lockstep.window.BoundedWindow;
        import java.util.List;
        %s
        class Passing {
          private static final Object LOCK = new Object();
          private final Client client = new Client();
          static String locked(Object lock, Client client, String id) throws Exception {
            synchronized (lock) {
              return client.send(id);
            }
          }
          void lockPassed(List<String> ids) throws Exception {
            BoundedWindow.of(5).forEach(ids, id -> %s(LOCK, client, id));
          }
        }
        """
        .formatted(helpersImport, helpers);
  }

  @Test
  void helperThatDoesNotResolveIsNotRead() throws IOException {
    assertThat(fakeConcurrencyLines("Passing.java", passing("", "locked"))).hasSize(1);
    assertThat(
            fakeConcurrencyLines(
                "Passing.java", passing("import org.absent.Helpers;", "Helpers.locked")))
        .isEmpty();
  }
}
