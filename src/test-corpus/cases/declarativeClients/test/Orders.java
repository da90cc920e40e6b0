package test;

import feign.RequestLine;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;
import org.springframework.cloud.openfeign.FeignClient;

/** Declarative clients: no implementation in the code, a round trip by declaration. */
class Orders {
  @Mapper
  interface OrderMapper {
    String findCustomer(long orderId);
  }

  interface ItemMapper {
    @Select("select name from item where id = #{id}")
    String name(long id);

    String cachedName(long id);
  }

  @FeignClient(name = "prices")
  interface PriceClient {
    long price(String sku);
  }

  interface StockApi {
    @RequestLine("GET /stock/{sku}")
    int stock(String sku);
  }

  /** Not a client: an interface that only looks like one. */
  interface Formatter {
    String format(long id);
  }

  void customers(OrderMapper orders, List<Long> ids) {
    // BUG: Diagnostic contains: waits once per item (OrderMapper.findCustomer at Orders.java:41)
    for (long id : ids) {
      orders.findCustomer(id);
    }
  }

  void names(ItemMapper items, List<Long> ids) {
    // BUG: Diagnostic contains: waits once per item (ItemMapper.name at Orders.java:48)
    for (long id : ids) {
      items.name(id);
    }
  }

  void prices(PriceClient prices, List<String> skus) {
    // BUG: Diagnostic contains: waits once per item (PriceClient.price at Orders.java:55)
    for (String sku : skus) {
      prices.price(sku);
    }
  }

  void stocks(StockApi stock, List<String> skus) {
    // BUG: Diagnostic contains: waits once per item (StockApi.stock at Orders.java:62)
    for (String sku : skus) {
      stock.stock(sku);
    }
  }

  // A method of a mapper without a statement annotation, in an interface without @Mapper.
  void cachedNames(ItemMapper items, List<Long> ids) {
    for (long id : ids) {
      items.cachedName(id);
    }
  }

  void formatted(Formatter formatter, List<Long> ids) {
    for (long id : ids) {
      formatter.format(id);
    }
  }

  // Once, not per item.
  long onePrice(PriceClient prices, List<String> skus) {
    return prices.price(skus.get(0));
  }
}
