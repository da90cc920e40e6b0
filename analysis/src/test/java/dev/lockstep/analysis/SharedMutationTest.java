package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.analysis.rules.SharedMutation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedMutation}: a body that changes a collection or builder every iteration shares may
 * not move into a window, unless the declared type is thread-safe.
 */
final class SharedMutationTest {
  @Test
  void mutatorsChangeWhatTheyAreCalledOn() {
    for (String name :
        List.of(
            "add",
            "addAll",
            "put",
            "putIfAbsent",
            "merge",
            "compute",
            "remove",
            "append",
            "setLength",
            "sort",
            "clear",
            "offer",
            "push",
            "set",
            "replaceAll")) {
      assertWithMessage(name).that(SharedMutation.isMutator(name)).isTrue();
    }
  }

  @Test
  void readsAndReductionsAreNotMutation() {
    for (String name :
        List.of(
            "get",
            "size",
            "contains",
            "containsKey",
            "isEmpty",
            "iterator",
            "stream",
            "toString",
            "reduce",
            "collect",
            "sum",
            "count",
            "length",
            "addTask",
            "putting")) {
      assertWithMessage(name).that(SharedMutation.isMutator(name)).isFalse();
    }
  }

  @Test
  void aNonThreadSafeCollectionOrBuilderBlocksTheRewrite() {
    Optional<String> list = SharedMutation.blocker("results", Optional.of("java.util.ArrayList"));
    assertThat(list).isPresent();
    assertThat(list.orElseThrow())
        .startsWith(
            "the body changes 'results', a ArrayList shared by all iterations that is not"
                + " thread-safe");
    assertThat(list.orElseThrow()).contains("BoundedWindow.map");
    assertThat(SharedMutation.blocker("text", Optional.of("java.lang.StringBuilder")).orElseThrow())
        .contains("a StringBuilder shared");
    // Only the declared type is trusted: a Map that holds a ConcurrentHashMap still counts.
    assertThat(SharedMutation.blocker("byId", Optional.of("java.util.Map"))).isPresent();
  }

  @Test
  void anUnknownTypeBlocksTheRewrite() {
    assertThat(SharedMutation.blocker("acc", Optional.empty()).orElseThrow())
        .contains("'acc', a value shared");
  }

  @Test
  void threadSafeAndUserTypesDoNotBlock() {
    assertThat(
            SharedMutation.blocker("byId", Optional.of("java.util.concurrent.ConcurrentHashMap")))
        .isEmpty();
    assertThat(
            SharedMutation.blocker(
                "queue", Optional.of("java.util.concurrent.ConcurrentLinkedQueue")))
        .isEmpty();
    assertThat(SharedMutation.blocker("text", Optional.of("java.lang.StringBuffer"))).isEmpty();
    assertThat(SharedMutation.blocker("stats", Optional.of("com.acme.Stats"))).isEmpty();
  }
}
