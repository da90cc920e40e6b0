package io.netty.channel;

public interface ChannelFuture extends io.netty.util.concurrent.Future<Void> {
  @Override
  ChannelFuture sync() throws InterruptedException;

  @Override
  ChannelFuture syncUninterruptibly();
}
