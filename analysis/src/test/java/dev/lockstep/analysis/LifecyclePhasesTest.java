package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.analysis.read.LifecyclePhases;
import org.junit.jupiter.api.Test;

/** A life-cycle phase is named by the first camel-case word of a method's name. */
final class LifecyclePhasesTest {
  @Test
  void phasesByTheirFirstWord() {
    for (String name :
        new String[] {
          "start",
          "init",
          "setUp",
          "tearDown",
          "initializeTrackers",
          "shutdownBlocking",
          "start2",
          "close_all",
          "stopNow",
          "bootstrapCluster"
        }) {
      assertWithMessage(name).that(LifecyclePhases.isPhase(name)).isTrue();
    }
  }

  @Test
  void otherNamesAreNot() {
    for (String name :
        new String[] {
          "",
          "started",
          "startsWith",
          "restartable",
          "Start",
          "closeable",
          "stop$1",
          "send",
          "get",
          "STOP",
          "_start",
          "fetchAndStart"
        }) {
      assertWithMessage(name).that(LifecyclePhases.isPhase(name)).isFalse();
    }
  }
}
