package lib;
import dev.lockstep.annotations.Blocking;
import dev.lockstep.annotations.ResourceParallelism;
@ResourceParallelism(value = 2, reason = "two sessions")
public class Gateway {
  @Blocking(reason = "a round trip")
  public String submit(String order) { return order; }
}
