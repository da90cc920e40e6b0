package org.kohsuke.github;

public abstract class GHRepository {
  public abstract PagedIterable<String> listPullRequests();

  public abstract String getName();
}
