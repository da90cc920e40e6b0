package io.netty.bootstrap;

import io.netty.channel.ChannelFuture;
import java.net.SocketAddress;

public abstract class Bootstrap {
  public abstract ChannelFuture connect(SocketAddress remote);

  public abstract ChannelFuture bind(SocketAddress local);
}
