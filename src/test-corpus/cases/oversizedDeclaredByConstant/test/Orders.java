package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Orders {
  private static final int WINDOW = 4 + 4;
  private final Gateway gateway = new Gateway();
  void all(List<String> orders) throws Exception {
    // The declared parallelism and the window are both constants the compiler folds.
    // BUG: Diagnostic contains: window 8 > declared parallelism 2 of Gateway: 6 workers wait
    BoundedWindow.of(WINDOW).forEach(orders, o -> gateway.submit(o));
  }
}
