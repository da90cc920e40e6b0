package acme.rpc;

import java.io.IOException;

/** What the service calls; RpcClient is its only implementation. */
public interface Api {
  String call(String request) throws IOException, InterruptedException;
}
