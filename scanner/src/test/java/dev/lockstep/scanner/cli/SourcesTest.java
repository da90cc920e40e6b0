package dev.lockstep.scanner.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.report.SkippedDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directories the scanner reads (issue 17): a Java package named like build output is read,
 * the build's own output is skipped, and every directory skipped is listed with the reason.
 */
final class SourcesTest {
  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private Sources.Found find(Path root) {
    return Sources.find(List.of(root), false);
  }

  private static List<String> names(Sources.Found found) {
    return found.inputs().stream()
        .map(FrontEnd.Input::path)
        .map(p -> p.getFileName().toString())
        .toList();
  }

  private SkippedDirectory skipped(Sources.Found found, String relative) {
    // The roots are directories in the temporary directory: shown from it (ADR 0010).
    String shown = Sources.display(dir, dir.resolve(relative));
    return found.skipped().stream()
        .filter(d -> d.directory().equals(shown))
        .findFirst()
        .orElseThrow(() -> new AssertionError(relative + " not in " + found.skipped()));
  }

  @Test
  void packagesNamedOutBuildAndTargetInASourceRootAreRead() throws IOException {
    write("svc/pom.xml", "<project/>\n");
    write("svc/src/main/java/com/acme/out/Sink.java", "package com.acme.out;\nclass Sink {}\n");
    write("svc/src/main/java/com/acme/build/Plan.java", "package com.acme.build;\nclass Plan {}\n");
    write("svc/src/test/java/com/acme/target/Aim.java", "package com.acme.target;\nclass Aim {}\n");
    write("svc/target/classes/com/acme/out/Sink.class", "");
    write(
        "svc/target/generated-sources/annotations/com/acme/Sink_.java",
        "package com.acme;\nclass Sink_ {}\n");

    Sources.Found found = find(dir.resolve("svc"));

    assertThat(names(found)).containsExactly("Sink.java", "Plan.java", "Aim.java");
    assertThat(found.problems()).isEmpty();
    assertThat(found.skipped()).hasSize(1);
    SkippedDirectory target = skipped(found, "svc/target");
    assertThat(target.reason()).isEqualTo("build output: pom.xml beside it");
    assertThat(target.javaFiles()).isEqualTo(OptionalInt.of(1));
  }

  @Test
  void gradleOutputIsSkippedAndListed() throws IOException {
    write("mod/build.gradle.kts", "plugins { java }\n");
    write("mod/src/main/java/com/acme/A.java", "package com.acme;\nclass A {}\n");
    write("mod/build/generated/sources/B.java", "package com.acme;\nclass B {}\n");

    Sources.Found found = find(dir.resolve("mod"));

    assertThat(names(found)).containsExactly("A.java");
    assertThat(skipped(found, "mod/build").reason())
        .isEqualTo("build output: build.gradle.kts beside it");
  }

  /** Without a build file or a src/main/java layout, the files' own package declarations decide. */
  @Test
  void withoutALayoutThePackageDeclarationsDecide() throws IOException {
    // A package com.acme.out in a plain source tree: its path runs through 'out'.
    write("plain/com/acme/out/Sink.java", "/* licence */\npackage com.acme.out;\nclass Sink {}\n");
    // Generated sources whose packages start below 'build': output.
    write("plain/build/gen/com/acme/Gen.java", "package com.acme;\nclass Gen {}\n");
    // Class files only: nothing Java is lost.
    write("plain/out/production/Sink.class", "");

    Sources.Found found = find(dir.resolve("plain"));

    assertThat(names(found)).containsExactly("Sink.java");
    assertThat(skipped(found, "plain/build").reason())
        .isEqualTo("build output: the packages of the Java files in it start below it");
    assertThat(skipped(found, "plain/build").javaFiles()).isEqualTo(OptionalInt.of(1));
    assertThat(skipped(found, "plain/out").reason())
        .isEqualTo("build output: no Java file in it declares a package through it");
    assertThat(skipped(found, "plain/out").javaFiles()).isEqualTo(OptionalInt.of(0));
  }

  @Test
  void hiddenAndGeneratedDirectoriesAreListed() throws IOException {
    write("repo/.git/HEAD", "ref: refs/heads/main\n");
    write("repo/generated/G.java", "package g;\nclass G {}\n");
    write("repo/A.java", "class A {}\n");

    Sources.Found found = find(dir.resolve("repo"));

    assertThat(names(found)).containsExactly("A.java");
    assertThat(skipped(found, "repo/.git").reason()).isEqualTo("hidden directory");
    assertThat(skipped(found, "repo/.git").javaFiles()).isEmpty();
    assertThat(skipped(found, "repo/generated").javaFiles()).isEqualTo(OptionalInt.of(1));
    assertThat(Sources.find(List.of(dir.resolve("repo")), true).inputs()).hasSize(2);
  }

  /** A root is read whatever its name. */
  @Test
  void aRootNamedLikeOutputIsRead() throws IOException {
    write("x/target/A.java", "class A {}\n");
    assertThat(names(find(dir.resolve("x/target")))).containsExactly("A.java");
  }

  @Test
  void theSourceRootAboveIsEvidence() {
    assertThat(BuildOutput.inSourceRoot(Path.of("/r/src/main/java/com/out"))).isTrue();
    assertThat(BuildOutput.inSourceRoot(Path.of("/r/src/it/java/out"))).isTrue();
    assertThat(BuildOutput.inSourceRoot(Path.of("/r/src/main/resources/out"))).isFalse();
    assertThat(BuildOutput.inSourceRoot(Path.of("/r/module/target"))).isFalse();
  }

  @Test
  void packageDeclarationsAreReadPastCommentsAndAnnotations() throws IOException {
    assertThat(BuildOutput.packageOf(write("a/A.java", "// x /* y\npackage a.b;\n")))
        .isEqualTo(Optional.of("a.b"));
    assertThat(
            BuildOutput.packageOf(
                write(
                    "a/package-info.java",
                    "/** Doc. */\n@Deprecated\n@SuppressWarnings(\"x\")\npackage  a . ü ;\n")))
        .isEqualTo(Optional.of("a.ü"));
    assertThat(BuildOutput.packageOf(write("a/B.java", "import x.Y;\nclass B {}\n"))).isEmpty();
    assertThat(BuildOutput.packageOf(write("a/C.java", "/* package a; */ class C {}\n"))).isEmpty();
    assertThat(BuildOutput.packageOf(write("a/D.java", "package 1a;\n"))).isEmpty();
  }
}
