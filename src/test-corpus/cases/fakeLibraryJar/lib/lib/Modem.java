package lib;
import dev.lockstep.annotations.Blocking;
import dev.lockstep.annotations.SerializedResource;
@SerializedResource(reason = "one line")
public class Modem {
  @Blocking(reason = "dials out")
  public String dial(String number) { return number; }
}
