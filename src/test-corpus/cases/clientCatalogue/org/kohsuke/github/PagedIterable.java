package org.kohsuke.github;

import java.util.Iterator;
import java.util.List;

public abstract class PagedIterable<T> implements Iterable<T> {
  @Override
  public abstract Iterator<T> iterator();

  public abstract List<T> toList() throws java.io.IOException;
}
