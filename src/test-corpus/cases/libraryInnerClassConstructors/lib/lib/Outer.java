package lib;
import dev.lockstep.annotations.Blocking;
public class Outer {
  public class Plain {
    public Plain(String host) {}
  }
  public static class Nested {
    @Blocking(reason = "connects")
    public Nested(String host) {}
  }
  public class Typed<T extends Number> {
    @Blocking(reason = "connects")
    public Typed(T limit, java.util.List<String> hosts) {}
  }
}
