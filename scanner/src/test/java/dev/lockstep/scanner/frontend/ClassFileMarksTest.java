package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.scanner.LibraryJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockstep's annotations read from class files, in a jar and in a class directory; methods found by
 * the parameters the analysis spells, whatever javac added to the descriptor.
 */
final class ClassFileMarksTest {
  private static final List<String> STRING = List.of("java.lang.String");

  @TempDir Path dir;

  @Test
  void readsTypeAndMethodAnnotationsWithTheirValues() throws IOException {
    Path jar = LibraryJar.build(dir, LibraryJar.ANNOTATED);
    for (Path root : List.of(jar, dir.resolve("lib-classes"))) {
      ClassFileMarks marks = marks(dir.resolve("missing.jar"), root);
      assertThat(marks.typeMarks("lib.RemoteApi").has(Mark.BLOCKING)).isTrue();
      Marks modem = marks.typeMarks("lib.Modem");
      assertThat(modem.has(Mark.SERIALIZED_RESOURCE)).isTrue();
      assertThat(modem.parallelism()).isEqualTo(1);
      // A nested class is covered by the annotation on the class around it, as in the checker.
      assertThat(marks.typeMarks("lib.Modem$Line").parallelism()).isEqualTo(1);
      Marks pool = marks.typeMarks("lib.Pool");
      assertThat(pool.has(Mark.RESOURCE_PARALLELISM)).isTrue();
      assertThat(pool.parallelism()).isEqualTo(4);
      assertThat(marks.methodMarks("lib.Mixed", "load", STRING).has(Mark.BLOCKING)).isTrue();
      assertThat(marks.methodMarks("lib.Mixed", "local", STRING)).isEqualTo(Marks.NONE);
      assertThat(marks.typeMarks("lib.Mixed")).isEqualTo(Marks.NONE);
      assertThat(marks.methodMarks("lib.Connection", "<init>", STRING).has(Mark.BLOCKING)).isTrue();
      assertThat(marks.methodMarks("lib.Connection", "<init>", List.of("int")))
          .isEqualTo(Marks.NONE);
      assertThat(marks.typeMarks("lib.NoSuchClass")).isEqualTo(Marks.NONE);
    }
  }

  @Test
  void innerClassConstructorTakesTheEnclosingInstanceFirst() throws IOException {
    ClassFileMarks marks = marks(LibraryJar.build(dir, LibraryJar.DESCRIPTORS));
    // (Lib/Outer;Ljava/lang/String;)V: found by its source parameters, and by its descriptor's.
    assertThat(marks.methodMarks("lib.Outer$Session", "<init>", STRING).has(Mark.BLOCKING))
        .isTrue();
    assertThat(
            marks
                .methodMarks(
                    "lib.Outer$Session", "<init>", List.of("lib.Outer", "java.lang.String"))
                .has(Mark.BLOCKING))
        .isTrue();
    assertThat(marks.methodMarks("lib.Outer$Session", "<init>", List.of("int")))
        .isEqualTo(Marks.NONE);
    // A static nested class has no enclosing instance: nothing is skipped.
    assertThat(marks.methodMarks("lib.Outer$Nested", "<init>", STRING).has(Mark.BLOCKING)).isTrue();
    assertThat(
            marks.methodMarks(
                "lib.Outer$Nested", "<init>", List.of("lib.Outer", "java.lang.String")))
        .isEqualTo(Marks.NONE);
    // Generic: the Signature attribute leaves the enclosing instance out, the descriptor has it.
    assertThat(
            marks
                .methodMarks(
                    "lib.Outer$Typed", "<init>", List.of("java.lang.Number", "java.util.List"))
                .has(Mark.BLOCKING))
        .isTrue();
  }

  @Test
  void enumConstructorTakesNameAndOrdinalFirst() throws IOException {
    ClassFileMarks marks = marks(LibraryJar.build(dir, LibraryJar.DESCRIPTORS));
    // (Ljava/lang/String;ILjava/lang/String;)V
    assertThat(marks.methodMarks("lib.Mode", "<init>", STRING).has(Mark.BLOCKING)).isTrue();
    assertThat(marks.methodMarks("lib.Mode", "<init>", List.of()).has(Mark.BLOCKING)).isFalse();
  }

  @Test
  void genericParametersMatchTheirErasure() throws IOException {
    ClassFileMarks marks = marks(LibraryJar.build(dir, LibraryJar.DESCRIPTORS));
    assertThat(marks.methodMarks("lib.Box", "put", List.of("java.lang.Object")).has(Mark.BLOCKING))
        .isTrue();
    assertThat(
            marks
                .methodMarks("lib.Box", "add", List.of("java.lang.Number", "java.util.Map.Entry"))
                .has(Mark.BLOCKING))
        .isTrue();
    assertThat(marks.methodMarks("lib.Box", "put", List.of("java.lang.String", "int")))
        .isEqualTo(Marks.NONE);
  }

  @Test
  void descriptorParametersAsCanonicalNames() {
    assertThat(ClassFiles.paramTypes("(I[[JLjava/util/Map$Entry;[Ljava/lang/String;Z)V"))
        .containsExactly("int", "long[][]", "java.util.Map.Entry", "java.lang.String[]", "boolean")
        .inOrder();
    assertThat(ClassFiles.paramTypes("()V")).isEmpty();
  }

  private static ClassFileMarks marks(Path... roots) {
    return new ClassFileMarks(new ClassFiles(List.of(roots)));
  }
}
