package io.netty.util.concurrent;

public interface Future<V> extends java.util.concurrent.Future<V> {
  Future<V> sync() throws InterruptedException;

  Future<V> syncUninterruptibly();
}
