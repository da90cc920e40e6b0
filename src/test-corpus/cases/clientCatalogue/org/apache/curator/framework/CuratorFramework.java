package org.apache.curator.framework;

import org.apache.curator.framework.api.BackgroundPathable;

public interface CuratorFramework {
  BackgroundPathable<byte[]> getData();
}
