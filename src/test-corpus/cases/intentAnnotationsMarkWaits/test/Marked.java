package test;
import dev.lockstep.annotations.Blocking;
import dev.lockstep.annotations.NonBlocking;
import java.util.List;
class Marked {
  @Blocking(reason = "pricing service") int quote(String sku) { return sku.length(); }
  @org.jetbrains.annotations.Blocking int jb(String sku) { return sku.length(); }
  @NonBlocking String cached(String id) throws Exception { return new Client().send(id); }
  void ours(List<String> skus) {
    // BUG: Diagnostic contains: Marked.quote
    for (String sku : skus) {
      quote(sku);
    }
  }
  void jetbrains(List<String> skus) {
    // BUG: Diagnostic contains: Marked.jb
    for (String sku : skus) {
      jb(sku);
    }
  }
  void nonBlocking(List<String> ids) throws Exception {
    for (String id : ids) {
      cached(id);
    }
  }
}
