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

/** Lockstep's annotations read from class files, in a jar and in a class directory. */
final class ClassFileMarksTest {
  @TempDir Path dir;

  @Test
  void readsTypeAndMethodAnnotationsWithTheirValues() throws IOException {
    Path jar = LibraryJar.build(dir, LibraryJar.ANNOTATED);
    for (Path root : List.of(jar, dir.resolve("lib-classes"))) {
      ClassFileMarks marks = new ClassFileMarks(List.of(dir.resolve("missing.jar"), root));
      assertThat(marks.typeMarks("lib.RemoteApi").has(Mark.BLOCKING)).isTrue();
      Marks modem = marks.typeMarks("lib.Modem");
      assertThat(modem.has(Mark.SERIALIZED_RESOURCE)).isTrue();
      assertThat(modem.parallelism()).isEqualTo(1);
      // A nested class is covered by the annotation on the class around it, as in the checker.
      assertThat(marks.typeMarks("lib.Modem$Line").parallelism()).isEqualTo(1);
      Marks pool = marks.typeMarks("lib.Pool");
      assertThat(pool.has(Mark.RESOURCE_PARALLELISM)).isTrue();
      assertThat(pool.parallelism()).isEqualTo(4);
      String descriptor = "(Ljava/lang/String;)Ljava/lang/String;";
      assertThat(marks.methodMarks("lib.Mixed", "load", descriptor).has(Mark.BLOCKING)).isTrue();
      assertThat(marks.methodMarks("lib.Mixed", "local", descriptor)).isEqualTo(Marks.NONE);
      assertThat(marks.typeMarks("lib.Mixed")).isEqualTo(Marks.NONE);
      assertThat(
              marks
                  .methodMarks("lib.Connection", "<init>", "(Ljava/lang/String;)V")
                  .has(Mark.BLOCKING))
          .isTrue();
      assertThat(marks.methodMarks("lib.Connection", "<init>", "(I)V")).isEqualTo(Marks.NONE);
      assertThat(marks.typeMarks("lib.NoSuchClass")).isEqualTo(Marks.NONE);
    }
  }
}
