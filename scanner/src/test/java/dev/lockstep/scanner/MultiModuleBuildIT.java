package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's multi-module service, built for real: {@code src/it/multimodule} is two Maven modules,
 * a {@code client} RPC layer (send on a socket, park on a response future the reader thread
 * completes) and a {@code service} that loops over items calling it. The service compiles against
 * the client's <em>jar</em> with the plugin packaged earlier in this reactor (as {@code
 * ConsumerBuildIT} does: a file repository for {@code dev.lockstep}, the developer's local
 * repository for the rest, no network); then the scanner scans the service's sources with the jar
 * on {@code --classpath}. Both must follow the loop into the jar, name the jar in the chain, and
 * leave the pool checkout alone.
 */
final class MultiModuleBuildIT {
  private static final String VERSION = System.getProperty("lockstep.version");
  private static final Path ROOT = Path.of(System.getProperty("lockstep.root")).toAbsolutePath();
  private static final Path WORK = ROOT.resolve("scanner/target/it-multimodule");
  private static final String JAR = "client-1.0.jar";

  private static String buildOutput;
  private static int buildExit;
  private static Path project;

  @BeforeAll
  static void buildTheService() throws Exception {
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
    writeSettings(repo);
    project = copy(ROOT.resolve("src/it/multimodule"), WORK.resolve("project"));
    // `package`: the service then compiles against client/target/client-1.0.jar, not its classes.
    List<String> command =
        List.of(
            ROOT.resolve("mvnw").toString(),
            "-B",
            "--no-transfer-progress",
            "-s",
            WORK.resolve("settings.xml").toString(),
            "-Dlockstep.classFileCache=" + WORK.resolve("plugin-cache"),
            "package");
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
      throw new AssertionError("multi-module build did not finish in 5 minutes; see " + log);
    }
    buildExit = process.exitValue();
    buildOutput = Files.readString(log, UTF_8);
  }

  @Test
  void theServiceCompilesAgainstTheClientJarNotItsSources() {
    assertWithMessage(buildOutput).that(buildExit).isEqualTo(0);
    assertThat(Files.exists(project.resolve("client/target/" + JAR))).isTrue();
    // Maven reports which classpath javac got only in debug; the jar named in the chain (below)
    // is the proof that the client was read from its class files.
  }

  @Test
  void pluginKeepsTheClientJarsClassTableInTheCacheItIsGiven() throws IOException {
    assertWithMessage(buildOutput).that(buildExit).isEqualTo(0);
    assertThat(tables(WORK.resolve("plugin-cache"))).hasSize(1); // the client jar's, once
  }

  @Test
  void pluginFollowsTheLoopIntoTheClientJar() {
    String prices = warning(buildOutput, "Prices.java");
    assertThat(prices).containsMatch("loop over 'items' waits");
    assertThat(prices).containsMatch("call at Prices\\.java:\\d+ -> ");
    // The hop into the jar: RpcClient.call's line that parks on the reply, read from the jar.
    assertThat(prices).containsMatch("ResponseFuture\\.get \\[" + Pattern.quote(JAR) + ":\\d+\\]");
  }

  @Test
  void pluginFollowsAnInterfaceToItsOnlyImplementationInTheJar() {
    String stock = warning(buildOutput, "Stock.java");
    assertThat(stock).containsMatch("loop over 'items' waits");
    assertThat(stock).containsMatch("ResponseFuture\\.get \\[" + Pattern.quote(JAR) + ":\\d+\\]");
  }

  @Test
  void pluginLeavesThePoolCheckoutAlone() {
    assertWithMessage(buildOutput).that(buildExit).isEqualTo(0);
    assertThat(buildOutput).doesNotContainMatch("Checkouts\\.java.*SerialAwaitInLoop");
  }

  @Test
  void scannerReportsWhatThePluginReportsWithTheJarNamed() throws Exception {
    Path jar = project.resolve("client/target/" + JAR);
    Path sources = project.resolve("service/src/main/java");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Dlockstep.classFileCache=" + WORK.resolve("scanner-cache"),
                "-jar",
                ROOT.resolve("scanner/target/lockstep-scanner.jar").toString(),
                "scan",
                "--strict",
                "--classpath",
                jar.toString(),
                sources.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    for (String file : List.of("Prices.java", "Stock.java")) {
      String scanned = finding(out, file);
      assertThat(scanned).containsMatch("\\[" + Pattern.quote(JAR) + ":\\d+\\]");
      // The same line and the same words as the plugin's diagnostic.
      assertThat(line(scanned)).isEqualTo(line(warning(buildOutput, file)));
      assertThat(message(scanned)).isEqualTo(message(warning(buildOutput, file)));
    }
    assertThat(out).doesNotContainMatch("Checkouts\\.java.*SerialAwaitInLoop");
    assertThat(tables(WORK.resolve("scanner-cache"))).hasSize(1);
  }

  /** The class tables a cache directory holds. */
  private static List<Path> tables(Path cache) throws IOException {
    Path tables = cache.resolve("classtables");
    if (!Files.isDirectory(tables)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tables)) {
      return files.filter(f -> f.toString().endsWith(".table")).toList();
    }
  }

  /** The plugin's SerialAwaitInLoop warning on a file: {@code [WARNING] …/F.java:[line,col] …}. */
  private static String warning(String output, String file) {
    Matcher m =
        Pattern.compile(
                "^\\[WARNING\\] \\S*/"
                    + Pattern.quote(file)
                    + ":\\[\\d+,\\d+\\] \\[SerialAwaitInLoop\\].*$",
                Pattern.MULTILINE)
            .matcher(output);
    assertWithMessage("no SerialAwaitInLoop on %s in:\n%s", file, output).that(m.find()).isTrue();
    return m.group();
  }

  /** The scanner's finding on a file: {@code …/F.java:line: warning: [SerialAwaitInLoop] …}. */
  private static String finding(String output, String file) {
    Matcher m =
        Pattern.compile(
                "^\\S*" + Pattern.quote(file) + ":\\d+: warning: \\[SerialAwaitInLoop\\].*$",
                Pattern.MULTILINE)
            .matcher(output);
    assertWithMessage("no SerialAwaitInLoop on %s in:\n%s", file, output).that(m.find()).isTrue();
    return m.group();
  }

  /**
   * The reported line, in either front end's spelling ({@code F.java:[12,7]}, {@code F.java:12:}).
   */
  private static String line(String reported) {
    Matcher m = Pattern.compile("\\.java:\\[?(\\d+)[,:]").matcher(reported);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /**
   * The message after the check's name, files by their names: the scanner spells the loop's file
   * relative to where it runs, javac by its name.
   */
  private static String message(String reported) {
    return reported
        .substring(reported.indexOf("[SerialAwaitInLoop]"))
        .replaceAll("\\S*/(\\w+\\.java)", "$1")
        .trim();
  }

  private static void writeSettings(Path repo) throws IOException {
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

  private static Path copy(Path source, Path target) throws IOException {
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

  /** Lays one artifact out in Maven's repository layout; a null jar publishes a pom alone. */
  private static void publish(Path repo, String artifact, Path pom, Path jar) throws IOException {
    Path dir = repo.resolve("dev/lockstep").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
    if (jar != null) {
      assertWithMessage("%s is packaged before this test runs", jar)
          .that(Files.exists(jar))
          .isTrue();
      Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"));
    }
  }
}
