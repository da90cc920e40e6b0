package lib;
import dev.lockstep.annotations.Blocking;
public class Remote {
  @Blocking(reason = "a round trip to the pricing service")
  public String fetch(String id) { return id; }
  public String cached(String id) { return id; }
  @Blocking(reason = "stores remotely")
  public <T extends CharSequence> void store(T value, java.util.List<? super T> sink) {}
}
