package test;
import java.util.List;
import lib.Remote;
import lib.Warehouse;
class Prices {
  private final Remote remote = new Remote();
  private final Warehouse warehouse = new Warehouse();
  void annotatedMethod(List<String> ids) {
    // BUG: Diagnostic contains: Remote.fetch
    for (String id : ids) {
      remote.fetch(id);
    }
  }
  void annotatedType(List<String> skus) {
    // BUG: Diagnostic contains: Warehouse.stock
    for (String sku : skus) {
      warehouse.stock(sku);
    }
  }
  void genericMethod(List<String> values, List<Object> sink) {
    // BUG: Diagnostic contains: Remote.store
    for (String value : values) {
      remote.store(value, sink);
    }
  }
  void notAnnotated(List<String> ids) {
    for (String id : ids) {
      remote.cached(id);
    }
  }
}
