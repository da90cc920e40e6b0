package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.FactsSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict mode: what a normal scan turns into "not analysed" or, worse, into silence, a strict scan
 * fails on. The failures are injected where the front end hands method bodies to the summaries.
 */
final class StrictModeTest {
  /** A loop whose wait is one call down, in a helper body: found only if that body is read. */
  private static final String SOURCE =
      """
      package test;
      import java.net.URI;
      import java.net.http.HttpClient;
      import java.net.http.HttpRequest;
      import java.net.http.HttpResponse;
      import java.util.ArrayList;
      import java.util.List;
      class Fetch {
        private final HttpClient http = HttpClient.newHttpClient();
        String get(String id) throws Exception {
          return http.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        List<String> all(List<String> ids) throws Exception {
          List<String> out = new ArrayList<>();
          for (String id : ids) {
            out.add(get(id));
          }
          return out;
        }
      }
      """;

  private static final int LOOP_LINE = 16;

  @TempDir Path dir;

  private FrontEnd.Result scan(boolean strict, UnaryOperator<FactsSource> bodies)
      throws IOException {
    Path file = dir.resolve("test/Fetch.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, SOURCE, StandardCharsets.UTF_8);
    return FrontEnd.scan(
        List.of(new FrontEnd.Input(file, "test/Fetch.java")),
        new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1, strict),
        done -> {},
        false,
        bodies);
  }

  /** The body of {@code Fetch.get} comes back empty, as when reading it threw and was swallowed. */
  private static FactsSource swallowingGet(FactsSource facts) {
    return ref -> ref.name().equals("get") ? Optional.<MethodFacts>empty() : facts.factsFor(ref);
  }

  private static UnaryOperator<FactsSource> throwing(RuntimeException e) {
    return facts ->
        ref -> {
          throw e;
        };
  }

  @Test
  void theInputIsFlaggedThroughTheHelperBody() throws IOException {
    FrontEnd.Result result = scan(true, UnaryOperator.identity());
    assertThat(result.problems()).isEmpty();
    assertThat(result.findings()).hasSize(1);
    assertThat(result.findings().get(0).finding().location().line()).isEqualTo(LOOP_LINE);
  }

  @Test
  void aSwallowedBodyIsSilentWithoutStrictMode() throws IOException {
    FrontEnd.Result result = scan(false, StrictModeTest::swallowingGet);
    // The wait in get() is not seen: no finding, and nothing says so.
    assertThat(result.findings()).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void aSwallowedBodyFailsTheScanInStrictMode() {
    FrontEnd.InternalFailure failure =
        assertThrows(
            FrontEnd.InternalFailure.class, () -> scan(true, StrictModeTest::swallowingGet));
    assertThat(failure).hasMessageThat().contains("test/Fetch.java");
    assertThat(failure).hasCauseThat().isInstanceOf(FrontEnd.InternalFailure.class);
    assertThat(failure)
        .hasCauseThat()
        .hasMessageThat()
        .contains(MethodRef.of("test.Fetch", "get", "java.lang.String").toString());
  }

  @Test
  void anExceptionInTheAnalysisIsAProblemWithoutStrictMode() throws IOException {
    FrontEnd.Result result = scan(false, throwing(new IllegalStateException("injected")));
    assertThat(result.findings()).isEmpty();
    assertThat(result.problems())
        .containsExactly(
            new FrontEnd.FileProblem(
                "test/Fetch.java", "analysis failed: IllegalStateException: injected"));
  }

  @Test
  void anExceptionInTheAnalysisPropagatesInStrictMode() {
    IllegalStateException injected = new IllegalStateException("injected");
    FrontEnd.InternalFailure failure =
        assertThrows(FrontEnd.InternalFailure.class, () -> scan(true, throwing(injected)));
    assertThat(failure).hasMessageThat().contains("test/Fetch.java");
    assertThat(failure).hasCauseThat().isSameInstanceAs(injected);
  }

  @Test
  void aStackOverflowPropagatesInStrictMode() {
    StackOverflowError overflow = new StackOverflowError();
    UnaryOperator<FactsSource> deep =
        facts ->
            ref -> {
              throw overflow;
            };
    FrontEnd.InternalFailure failure =
        assertThrows(FrontEnd.InternalFailure.class, () -> scan(true, deep));
    assertThat(failure).hasCauseThat().isSameInstanceAs(overflow);
  }

  /**
   * Issue 17: an {@code Error} in one file's analysis (here the {@code NoClassDefFoundError} a
   * class directory apart from its jars used to throw) makes that file a problem; the other file's
   * finding is still reported.
   */
  @Test
  void anErrorInOneFilesAnalysisCostsThatFileOnly() throws IOException {
    Path other = dir.resolve("test/Other.java");
    Files.createDirectories(other.getParent());
    Files.writeString(other, SOURCE.replace("class Fetch", "class Other"), StandardCharsets.UTF_8);
    NoClassDefFoundError missing = new NoClassDefFoundError("wire/Frame");
    UnaryOperator<FactsSource> failingOther =
        facts ->
            ref -> {
              if (ref.owner().equals("test.Other")) {
                throw missing;
              }
              return facts.factsFor(ref);
            };
    List<FrontEnd.Input> inputs =
        List.of(
            new FrontEnd.Input(dir.resolve("test/Fetch.java"), "test/Fetch.java"),
            new FrontEnd.Input(other, "test/Other.java"));
    Files.writeString(dir.resolve("test/Fetch.java"), SOURCE, StandardCharsets.UTF_8);

    FrontEnd.Result result =
        FrontEnd.scan(
            inputs,
            new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1, false),
            done -> {},
            false,
            failingOther);

    assertThat(result.problems())
        .containsExactly(
            new FrontEnd.FileProblem(
                "test/Other.java", "analysis failed: NoClassDefFoundError: wire/Frame"));
    assertThat(result.findings()).hasSize(1);
    assertThat(result.findings().get(0).finding().location().file()).isEqualTo("test/Fetch.java");
    assertThat(result.findings().get(0).finding().location().line()).isEqualTo(LOOP_LINE);

    // Strict mode stops on it instead, naming the file.
    FrontEnd.InternalFailure failure =
        assertThrows(
            FrontEnd.InternalFailure.class,
            () ->
                FrontEnd.scan(
                    inputs,
                    new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1, true),
                    done -> {},
                    false,
                    failingOther));
    assertThat(failure).hasMessageThat().contains("test/Other.java");
    assertThat(failure).hasCauseThat().isSameInstanceAs(missing);
  }

  /** The build runs every scanner test strict, as the checker's: this fails if that is dropped. */
  @Test
  void testsRunStrict() {
    assertThat(System.getProperty(FrontEnd.STRICT_PROPERTY)).isEqualTo("true");
    assertThat(FrontEnd.strictRequested()).isTrue();
    assertThat(new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1).strict())
        .isTrue();
  }
}
