package example;

import dev.lockstep.annotations.ResourceParallelism;

/** Misuse, suppressed on purpose: must not fail the build. */
@SuppressWarnings("LockstepAnnotationMisuse")
@ResourceParallelism(0)
public class Suppressed {}
