package example;

import dev.lockstep.annotations.Blocking;
import dev.lockstep.annotations.ResourceParallelism;

/** Correct use: compiles without a Lockstep diagnostic. */
@ResourceParallelism(value = 4, reason = "the ERP licence allows 4 sessions")
public class Gateway {
  @Blocking(reason = "one round trip to the ERP")
  public String fetch(String id) {
    return id;
  }
}
