package org.apache.curator.framework.api;

public interface Pathable<T> {
  T forPath(String path) throws Exception;
}
