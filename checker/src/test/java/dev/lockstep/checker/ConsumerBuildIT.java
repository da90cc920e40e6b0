package dev.lockstep.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.lockstep.analysis.finding.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds {@code src/it/consumer} — a user's project set up exactly as the README tells Maven users
 * — with the pinned Maven, on the JDK 21+ this test runs on, against the jars this build just
 * packaged. Nothing is mocked: Error Prone discovers the plugin on annotationProcessorPaths.
 *
 * <p>The consumer resolves {@code dev.lockstep} artifacts from a file repository laid out here, and
 * everything else from the developer's own local repository (which this build has already filled),
 * so the test needs no network and leaves {@code ~/.m2} untouched.
 */
final class ConsumerBuildIT {
  private static final String VERSION = System.getProperty("lockstep.version");
  private static final Path ROOT = Path.of(System.getProperty("lockstep.root")).toAbsolutePath();
  private static final Path WORK = ROOT.resolve("checker/target/it");
  private static final String DOC_LINK = Checks.LOCKSTEP_ANNOTATION_MISUSE_LINK;

  @BeforeAll
  static void layOutRepository() throws IOException {
    if (Files.exists(WORK)) {
      MoreFiles.deleteRecursively(WORK, RecursiveDeleteOption.ALLOW_INSECURE);
    }
    Path repo = WORK.resolve("repo");
    publish(repo, "lockstep-parent", ROOT.resolve("pom.xml"), null);
    for (String module : List.of("annotations", "analysis", "classfiles", "checker")) {
      String artifact = "lockstep-" + module;
      publish(
          repo,
          artifact,
          ROOT.resolve(module).resolve("pom.xml"),
          ROOT.resolve(module).resolve("target").resolve(artifact + "-" + VERSION + ".jar"));
    }
    Path localRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
    Files.writeString(
        WORK.resolve("settings.xml"),
        """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror>
              <id>developer-local-repository</id>
              <mirrorOf>central</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
          <profiles>
            <profile>
              <id>lockstep-under-test</id>
              <repositories>
                <repository>
                  <id>lockstep-under-test</id>
                  <url>%s</url>
                  <snapshots><enabled>true</enabled></snapshots>
                </repository>
              </repositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>lockstep-under-test</activeProfile></activeProfiles>
        </settings>
        """
            .formatted(WORK.resolve("local-repo"), localRepository.toUri(), repo.toUri()));
  }

  @Test
  void misusedAnnotationFailsTheUsersBuildWithOurMessageAndLink() throws Exception {
    Path project = copyConsumer("misuse");

    Result result = mvn(project, "compile");

    assertWithMessage(result.output).that(result.exitCode).isNotEqualTo(0);
    assertThat(result.output)
        .containsMatch(
            "Misused\\.java:\\[6,1\\] \\[LockstepAnnotationMisuse\\] @ResourceParallelism\\(0\\)"
                + " on 'Misused': the parallelism must be at least 1");
    assertThat(result.output).contains("(see " + DOC_LINK + ")");
    // Suppressed.java has the same misuse under @SuppressWarnings; Gateway.java is correct.
    assertThat(result.output).doesNotContain("Suppressed.java");
    assertThat(result.output).doesNotContain("Gateway.java");
  }

  @Test
  void suppressedAndCorrectUsesCompile() throws Exception {
    Path project = copyConsumer("clean");
    Files.delete(project.resolve("src/main/java/example/Misused.java"));

    Result result = mvn(project, "compile");

    assertWithMessage(result.output).that(result.exitCode).isEqualTo(0);
    assertThat(result.output).contains("BUILD SUCCESS");
    assertThat(result.output).doesNotContain("LockstepAnnotationMisuse");
  }

  private static Path copyConsumer(String name) throws IOException {
    Path source = ROOT.resolve("src/it/consumer");
    Path target = WORK.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  private record Result(int exitCode, String output) {}

  /** Runs the pinned Maven on the JDK this test runs on (21+), as a user's terminal would. */
  private static Result mvn(Path project, String... goals) throws Exception {
    List<String> command =
        Stream.concat(
                Stream.of(
                    ROOT.resolve("mvnw").toString(),
                    "-B",
                    "--no-transfer-progress",
                    "-s",
                    WORK.resolve("settings.xml").toString()),
                Stream.of(goals))
            .toList();
    Path log = project.resolve("build.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("consumer build did not finish in 5 minutes; see " + log);
    }
    return new Result(process.exitValue(), Files.readString(log, UTF_8));
  }

  /** Lays one artifact out in Maven's repository layout; a null jar publishes a pom alone. */
  private static void publish(Path repo, String artifact, Path pom, Path jar) throws IOException {
    Path dir = repo.resolve("dev/lockstep").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
    if (jar != null) {
      assertWithMessage("%s is packaged before the consumer build runs", jar)
          .that(Files.exists(jar))
          .isTrue();
      Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"));
    }
  }
}
