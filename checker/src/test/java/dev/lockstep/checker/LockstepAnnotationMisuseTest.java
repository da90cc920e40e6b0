package dev.lockstep.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class LockstepAnnotationMisuseTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(LockstepAnnotationMisuse.class, getClass());

  @Test
  void identification() {
    compilationTestHelper
        .addSourceLines(
            "Gateway.java",
            """
            import dev.lockstep.annotations.Blocking;
            import dev.lockstep.annotations.NonBlocking;
            import dev.lockstep.annotations.ResourceParallelism;
            import dev.lockstep.annotations.Sequential;
            import dev.lockstep.annotations.SerializedResource;

            // BUG: Diagnostic contains: @ResourceParallelism(0) on 'Gateway': the parallelism must be
            @ResourceParallelism(0)
            class Gateway {
              // BUG: Diagnostic contains: @ResourceParallelism(-3) on 'pool'
              @ResourceParallelism(value = -3, reason = "pool")
              Object pool;

              // BUG: Diagnostic contains: @Sequential on 'pushAll' has a blank reason: say why serial
              @Sequential(reason = "  ")
              void pushAll() {}

              // BUG: Diagnostic contains: @Blocking on 'quote' has a blank reason: say why, or leave
              @Blocking(reason = "")
              void quote() {}

              @SerializedResource
              // BUG: Diagnostic contains: 'modem' is annotated both @SerializedResource and
              @ResourceParallelism(4)
              Object modem;

              @Blocking
              // BUG: Diagnostic contains: 'fetch' is annotated both @Blocking and @NonBlocking
              @NonBlocking
              void fetch() {}

              @Blocking
              // BUG: Diagnostic contains: both @Blocking and @org.jetbrains.annotations.NonBlocking
              @org.jetbrains.annotations.NonBlocking
              void fetchAgain() {}
            }
            """)
        .addSourceLines(
            "org/jetbrains/annotations/NonBlocking.java",
            """
            package org.jetbrains.annotations;

            public @interface NonBlocking {}
            """)
        .doTest();
  }

  @Test
  void negatives() {
    compilationTestHelper
        .addSourceLines(
            "Gateway.java",
            """
            import dev.lockstep.annotations.Blocking;
            import dev.lockstep.annotations.NonBlocking;
            import dev.lockstep.annotations.ResourceParallelism;
            import dev.lockstep.annotations.Sequential;
            import dev.lockstep.annotations.SerializedResource;

            @ResourceParallelism(value = 1, reason = "one licence")
            class Gateway {
              static final int POOL = 4;

              @ResourceParallelism(POOL)
              Object pool;

              @SerializedResource Object modem;

              @SerializedResource(reason = "the device takes one command at a time")
              Object device;

              @Sequential(reason = "the partner bans parallel pushes")
              void pushAll() {}

              @Blocking
              void quote() {}

              @Blocking(reason = "one round trip")
              Gateway() {}

              @NonBlocking
              void local() {}

              @Deprecated
              void unrelated() {}
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    compilationTestHelper
        .addSourceLines(
            "Gateway.java",
            """
            import dev.lockstep.annotations.ResourceParallelism;
            import dev.lockstep.annotations.Sequential;

            class Gateway {
              @SuppressWarnings("LockstepAnnotationMisuse")
              @ResourceParallelism(0)
              Object legacy;

              @SuppressWarnings("LockstepAnnotationMisuse")
              @Sequential(reason = "")
              void pushAll() {}
            }
            """)
        .doTest();
  }
}
