package org.apache.curator.framework.api;

public interface BackgroundPathable<T> extends Pathable<T> {
  Pathable<T> inBackground(Object callback);
}
