package example;

import dev.lockstep.annotations.ResourceParallelism;

/** Misuse: the build must fail here with LockstepAnnotationMisuse. */
@ResourceParallelism(0)
public class Misused {}
