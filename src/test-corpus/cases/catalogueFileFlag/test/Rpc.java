package test;
import java.util.List;
interface Rpc {
  String call(String id);
  String local(String id);
}
class UsesRpc {
  void run(List<String> ids, Rpc rpc) {
    // BUG: Diagnostic contains: Rpc.call at Rpc.java:11
    for (String id : ids) {
      rpc.call(id);
    }
    for (String id : ids) {
      rpc.local(id);
    }
  }
}


