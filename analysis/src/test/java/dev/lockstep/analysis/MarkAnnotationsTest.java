package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MarkAnnotations;
import dev.lockstep.analysis.facts.Marks;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The annotation-name table all front ends read marks through. */
final class MarkAnnotationsTest {
  @Test
  void lockstepAndJetBrainsNames() {
    assertThat(MarkAnnotations.mark("dev.lockstep.annotations.Blocking")).hasValue(Mark.BLOCKING);
    assertThat(MarkAnnotations.mark("org.jetbrains.annotations.Blocking")).hasValue(Mark.BLOCKING);
    assertThat(MarkAnnotations.mark("org.jetbrains.annotations.NonBlocking"))
        .hasValue(Mark.NON_BLOCKING);
    assertThat(MarkAnnotations.mark("dev.lockstep.annotations.Sequential"))
        .hasValue(Mark.SEQUENTIAL);
    assertThat(MarkAnnotations.mark("dev.lockstep.annotations.SerializedResource"))
        .hasValue(Mark.SERIALIZED_RESOURCE);
    assertThat(MarkAnnotations.mark("dev.lockstep.annotations.ResourceParallelism"))
        .hasValue(Mark.RESOURCE_PARALLELISM);
    // JetBrains has no such annotations; a same-named one elsewhere is not ours.
    assertThat(MarkAnnotations.mark("org.jetbrains.annotations.Sequential")).isEmpty();
    assertThat(MarkAnnotations.mark("com.example.Blocking")).isEmpty();
    assertThat(MarkAnnotations.mark("Blocking")).isEqualTo(Optional.empty());
  }

  @Test
  void simpleNamesPerPackage() {
    assertThat(MarkAnnotations.simpleNames(MarkAnnotations.LOCKSTEP))
        .containsExactly(
            "Blocking", "NonBlocking", "Sequential", "SerializedResource", "ResourceParallelism");
    assertThat(MarkAnnotations.simpleNames(MarkAnnotations.JETBRAINS))
        .containsExactly("Blocking", "NonBlocking");
    assertThat(MarkAnnotations.simpleNames("com.example.")).isEmpty();
  }

  @Test
  void collectsMarksAndTheLowestDeclaredParallelism() {
    Marks marks =
        MarkAnnotations.collector()
            .add("dev.lockstep.annotations.ResourceParallelism", () -> 4)
            .add("org.jetbrains.annotations.Blocking", () -> 99)
            .add("java.lang.Deprecated", () -> 1)
            .marks();
    assertThat(marks.marks()).containsExactly(Mark.RESOURCE_PARALLELISM, Mark.BLOCKING);
    assertThat(marks.parallelism()).isEqualTo(4);
    Marks serialized =
        MarkAnnotations.collector()
            .add("dev.lockstep.annotations.ResourceParallelism", () -> 4)
            .add("dev.lockstep.annotations.SerializedResource", () -> 0)
            .marks();
    assertThat(serialized.parallelism()).isEqualTo(1);
    assertThat(MarkAnnotations.collector().add("java.lang.Deprecated", () -> 1).marks())
        .isEqualTo(Marks.NONE);
  }

  @Test
  void parallelismIsAskedOnlyOfResourceParallelismAndInvalidValuesDeclareNothing() {
    AtomicInteger asked = new AtomicInteger();
    Marks marks =
        MarkAnnotations.collector()
            .add("dev.lockstep.annotations.Blocking", asked::incrementAndGet)
            .add("dev.lockstep.annotations.ResourceParallelism", () -> 0)
            .marks();
    assertThat(asked.get()).isEqualTo(0);
    assertThat(marks.has(Mark.RESOURCE_PARALLELISM)).isTrue();
    assertThat(marks.parallelism()).isEqualTo(0);
  }
}
