package dev.lockstep.checker;

/**
 * Where each check's page lives. A {@code @BugPattern} links to {@code BASE + "<CheckName>.md"}
 * with {@code linkType = CUSTOM}; the page itself is {@code src/docs/checks/<CheckName>.md} in this
 * repository, and {@code CheckDocsTest} fails when one is missing or lacks a required section.
 */
public final class CheckDocs {
  /** The base of every check's documentation link. */
  public static final String BASE =
      "https://github.com/lockstep-dev/lockstep/blob/main/src/docs/checks/";

  private CheckDocs() {}
}
