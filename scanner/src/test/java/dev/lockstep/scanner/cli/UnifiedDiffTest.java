package dev.lockstep.scanner.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unified diffs git and other tools write, read into the new side's changed lines. */
final class UnifiedDiffTest {
  private static final Path BASE = Path.of("/repo");

  private static List<Integer> lines(ChangedLines changed, String file, int upTo) {
    List<Integer> out = new ArrayList<>();
    for (int line = 1; line <= upTo; line++) {
      if (changed.contains(BASE.resolve(file), line)) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void zeroContextHunksMarkTheAddedAndChangedLines() {
    ChangedLines changed =
        UnifiedDiff.parse(
            """
            diff --git a/src/A.java b/src/A.java
            index 1111111..2222222 100644
            --- a/src/A.java
            +++ b/src/A.java
            @@ -3 +3 @@ class A {
            -  int x;
            +  int y;
            @@ -10,0 +11,2 @@ void run() {
            +    a();
            +    b();
            """,
            BASE);
    assertThat(lines(changed, "src/A.java", 20)).containsExactly(3, 11, 12).inOrder();
    assertThat(changed.contains(BASE.resolve("src/B.java"), 3)).isFalse();
  }

  @Test
  void contextLinesCountOnTheNewSideOnly() {
    ChangedLines changed =
        UnifiedDiff.parse(
            """
            --- a/A.java\t2026-01-01 10:00:00
            +++ b/A.java\t2026-01-02 10:00:00
            @@ -1,5 +1,5 @@
             line one
            -line two
            +line 2
             line three
            +line 3.5
             line four
            -line five
            \\ No newline at end of file
            """,
            BASE);
    assertThat(lines(changed, "A.java", 10)).containsExactly(2, 4).inOrder();
  }

  @Test
  void newDeletedAndRenamedFiles() {
    ChangedLines changed =
        UnifiedDiff.parse(
            """
            diff --git a/New.java b/New.java
            new file mode 100644
            --- /dev/null
            +++ b/New.java
            @@ -0,0 +1,3 @@
            +class New {
            +}
            +// end
            \\ No newline at end of file
            diff --git a/Gone.java b/Gone.java
            deleted file mode 100644
            --- a/Gone.java
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -class Gone {
            -}
            diff --git a/Old.java b/Moved.java
            similarity 100%
            rename from Old.java
            rename to Moved.java
            diff --git a/Was.java b/pkg/Now.java
            similarity 90%
            rename from Was.java
            rename to pkg/Now.java
            --- a/Was.java
            +++ b/pkg/Now.java
            @@ -4 +4 @@
            -  old();
            +  now();
            """,
            BASE);
    assertThat(lines(changed, "New.java", 5)).containsExactly(1, 2, 3).inOrder();
    assertThat(lines(changed, "Gone.java", 5)).isEmpty();
    assertThat(lines(changed, "Moved.java", 5)).isEmpty(); // a pure rename changes no line
    assertThat(lines(changed, "pkg/Now.java", 5)).containsExactly(4);
  }

  @Test
  void aPureDeletionMarksTheLinesAroundTheGap() {
    ChangedLines changed =
        UnifiedDiff.parse(
            """
            --- a/A.java
            +++ b/A.java
            @@ -7,2 +6,0 @@
            -    permits.release();
            -    log();
            """,
            BASE);
    assertThat(lines(changed, "A.java", 10)).containsExactly(6, 7).inOrder();
  }

  @Test
  void quotedPathsAndCrlfLines() {
    ChangedLines changed =
        UnifiedDiff.parse(
            """
            --- "a/odd \\"name\\"\\303\\251.java"\r
            +++ "b/odd \\"name\\"\\303\\251.java"\r
            @@ -1 +1 @@\r
            -a\r
            +b\r
            """,
            BASE);
    assertThat(lines(changed, "odd \"name\"é.java", 3)).containsExactly(1);
  }

  @Test
  void aTruncatedOrGarbledDiffIsAnError() {
    assertThrows(
        UnifiedDiff.MalformedDiff.class,
        () -> UnifiedDiff.parse("--- a/A.java\n+++ b/A.java\n@@ -1,3 +1,3 @@\n a\n", BASE));
    assertThrows(
        UnifiedDiff.MalformedDiff.class,
        () -> UnifiedDiff.parse("--- a/A.java\n+++ b/A.java\n@@ -1 +one @@\n", BASE));
  }
}
