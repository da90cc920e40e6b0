package acme.rpc;

import java.io.IOException;

/** The RPC client as services see it; its only implementation is {@link RpcClient}. */
public interface Client {
  String call(String request) throws IOException, InterruptedException;
}
