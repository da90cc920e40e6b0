package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.scanner.report.Writers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI integrations users copy: the composite GitHub Action at the repository root ({@code
 * action.yml}) and the GitLab CI snippet ({@code src/docs/ci/gitlab-ci.yml}). Neither can run here,
 * so their shape is checked against what GitHub and GitLab require and against the scanner they
 * drive: the inputs, the steps in order, every input used is declared, the build command and jar
 * path are this build's, and the formats and options they pass exist.
 */
final class CiConfigTest {
  private static final Path ACTION = Path.of("../action.yml");
  private static final Path GITLAB = Path.of("../src/docs/ci/gitlab-ci.yml");
  private static final String JAR = "scanner/target/lockstep-scanner.jar";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> runs) {
    return (List<Map<String, Object>>) runs.get("steps");
  }

  @Test
  void theActionHasTheShapeGitHubRequires() throws IOException {
    Map<String, Object> action = yaml(ACTION);
    assertThat(action.get("name")).isEqualTo("Lockstep");
    assertThat((String) action.get("description")).isNotEmpty();
    Map<String, Object> inputs = map(action.get("inputs"));
    assertThat(inputs.keySet())
        .containsAtLeast("version", "jar", "changed-since", "format", "reviewdog", "upload-sarif");
    for (Map.Entry<String, Object> input : inputs.entrySet()) {
      Map<String, Object> spec = map(input.getValue());
      assertWithMessage("input %s", input.getKey())
          .that((String) spec.get("description"))
          .isNotEmpty();
      assertWithMessage("input %s has a default", input.getKey())
          .that(spec.containsKey("default"))
          .isTrue();
      assertThat(spec.keySet())
          .containsNoneIn(List.of("type")); // composite actions' inputs are strings, untyped
    }
    Map<String, Object> runs = map(action.get("runs"));
    assertThat(runs.get("using")).isEqualTo("composite");
    for (Map<String, Object> step : steps(runs)) {
      assertWithMessage("step %s: uses or run", step.get("name"))
          .that(step.containsKey("uses") ^ step.containsKey("run"))
          .isTrue();
      if (step.containsKey("run")) {
        assertWithMessage("step %s: composite run steps need a shell", step.get("name"))
            .that(step.get("shell"))
            .isEqualTo("bash");
      }
    }
  }

  @Test
  void theActionsStepsBuildScanUploadAndComment() throws IOException {
    Map<String, Object> action = yaml(ACTION);
    List<Map<String, Object>> steps = steps(map(action.get("runs")));
    List<String> order = new ArrayList<>();
    for (Map<String, Object> step : steps) {
      String uses = (String) step.get("uses");
      String run = (String) step.getOrDefault("run", "");
      if (uses != null && uses.startsWith("actions/setup-java@")) {
        order.add("jdk");
        assertThat(map(step.get("with")).get("java-version"))
            .isEqualTo("${{ inputs.java-version }}");
      } else if (run.contains("./mvnw")) {
        order.add("build");
        assertThat(run).contains("./mvnw -B -q -pl scanner -am package -DskipTests");
        assertThat(run).contains(JAR);
        assertThat(run).contains("$LOCKSTEP_JAR"); // a given jar skips the build
      } else if (run.contains(" scan ")) {
        order.add("scan");
        assertThat(run).contains("--changed-since");
        assertThat(run).contains("--format \"$1\"");
        assertThat(run).contains("scan sarif");
        assertThat(run).contains("scan rdjson");
      } else if (uses != null && uses.startsWith("github/codeql-action/upload-sarif@")) {
        order.add("upload");
        assertThat(step.get("if")).isEqualTo("${{ inputs.upload-sarif == 'true' }}");
        assertThat(map(step.get("with")).get("sarif_file"))
            .isEqualTo("${{ steps.scan.outputs.sarif }}");
      } else if (run.startsWith("reviewdog ")) {
        order.add("reviewdog");
        assertThat(step.get("if")).isEqualTo("${{ inputs.reviewdog == 'true' }}");
        assertThat(run).contains("-f=rdjson");
      }
    }
    assertThat(order).containsExactly("jdk", "build", "scan", "upload", "reviewdog").inOrder();
    // The build command builds the jar the steps run, at the path the scanner's pom writes.
    assertThat(Files.readString(Path.of("pom.xml")))
        .contains("<outputFile>${project.build.directory}/lockstep-scanner.jar</outputFile>");
  }

  /** Every {@code inputs.X} and {@code steps.S.outputs} the action reads exists. */
  @Test
  void theActionUsesOnlyWhatItDeclares() throws IOException {
    String text = Files.readString(ACTION, StandardCharsets.UTF_8);
    Map<String, Object> action = yaml(ACTION);
    Map<String, Object> inputs = map(action.get("inputs"));
    Matcher used = Pattern.compile("inputs\\.([A-Za-z0-9_-]+)").matcher(text);
    int uses = 0;
    while (used.find()) {
      uses++;
      assertWithMessage("inputs.%s is declared", used.group(1))
          .that(inputs)
          .containsKey(used.group(1));
    }
    assertThat(uses).isAtLeast(inputs.size());
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> step : steps(map(action.get("runs")))) {
      if (step.containsKey("id")) {
        ids.add((String) step.get("id"));
      }
    }
    Matcher outputs = Pattern.compile("steps\\.([a-z]+)\\.outputs\\.([a-z-]+)").matcher(text);
    while (outputs.find()) {
      assertWithMessage("step %s", outputs.group(1)).that(ids).contains(outputs.group(1));
      assertWithMessage("the action writes %s", outputs.group(2))
          .that(text)
          .contains("echo \"" + outputs.group(2) + "=");
    }
    // The format input names the scanner's formats.
    String format = (String) map(inputs.get("format")).get("description");
    for (Writers.Format f : Writers.Format.values()) {
      assertThat(format).contains(f.name().toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void theGitLabSnippetProducesACodeQualityReport() throws IOException {
    Map<String, Object> job = map(yaml(GITLAB).get("lockstep"));
    Map<String, Object> reports = map(map(job.get("artifacts")).get("reports"));
    String report = (String) reports.get("codequality");
    @SuppressWarnings("unchecked")
    List<String> script = (List<String>) job.get("script");
    String scan = script.stream().filter(line -> line.contains(" scan ")).findFirst().orElseThrow();
    List<String> words = Arrays.asList(scan.split(" ", -1));
    assertThat(words.get(words.indexOf("--format") + 1)).isEqualTo("codeclimate");
    assertThat(words.get(words.indexOf("--output") + 1)).isEqualTo(report);
    assertThat(scan).contains(JAR);
    assertThat(String.join("\n", script))
        .contains("--changed-since $CI_MERGE_REQUEST_DIFF_BASE_SHA");
    @SuppressWarnings("unchecked")
    List<String> before = (List<String>) job.get("before_script");
    assertThat(String.join("\n", before)).contains("./mvnw -B -q -pl scanner -am package");
  }
}
