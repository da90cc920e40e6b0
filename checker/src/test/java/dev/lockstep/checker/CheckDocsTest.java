package dev.lockstep.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every check's diagnostic links to its page, so every {@code @BugPattern} registered by this jar
 * must have {@code src/docs/checks/<Name>.md} with the sections users look for.
 */
final class CheckDocsTest {
  /** The sections of an Error Prone bug pattern page, in the order they must appear. */
  private static final List<String> SECTIONS =
      List.of("## The problem", "## Example", "## The fix", "## Suppression", "## Flags");

  private static final Path DOCS = Path.of("..", "src", "docs", "checks");

  @Test
  void everyCheckIsRegisteredAndHasItsPage() throws IOException {
    List<Class<? extends BugChecker>> checks = registeredChecks();
    assertThat(checks).contains(LockstepAnnotationMisuse.class);

    for (Class<? extends BugChecker> check : checks) {
      BugPattern pattern = check.getAnnotation(BugPattern.class);
      assertWithMessage("%s has no @BugPattern", check).that(pattern).isNotNull();
      String name = pattern.name().isEmpty() ? check.getSimpleName() : pattern.name();

      assertWithMessage("%s links to its page", name)
          .that(pattern.link())
          .isEqualTo(CheckDocs.BASE + name + ".md");
      assertWithMessage("%s uses its custom link", name)
          .that(pattern.linkType())
          .isEqualTo(BugPattern.LinkType.CUSTOM);

      Path page = DOCS.resolve(name + ".md");
      assertWithMessage("%s has its page at %s", name, page).that(Files.exists(page)).isTrue();
      String text = Files.readString(page);
      assertWithMessage("%s's page starts with its name", name)
          .that(text)
          .startsWith("# " + name + "\n");
      int previous = -1;
      for (String section : SECTIONS) {
        int at = text.indexOf("\n" + section + "\n");
        assertWithMessage("%s's page has the section '%s' after the previous one", name, section)
            .that(at)
            .isGreaterThan(previous);
        previous = at;
      }
      assertWithMessage("%s's page shows Java code", name).that(text).contains("```java\n");
      assertWithMessage("%s's page shows how to suppress it", name)
          .that(text)
          .contains("@SuppressWarnings(\"" + name + "\")");
    }
  }

  @Test
  void everyPageBelongsToACheck() throws IOException {
    List<String> names = new ArrayList<>();
    for (Class<? extends BugChecker> check : registeredChecks()) {
      names.add(check.getSimpleName());
    }
    try (var pages = Files.list(DOCS)) {
      for (Path page : (Iterable<Path>) pages::iterator) {
        String name = page.getFileName().toString().replaceFirst("\\.md$", "");
        assertWithMessage("%s has no check registered for it", page).that(names).contains(name);
      }
    }
  }

  /** The checks this jar registers for Error Prone's plugin discovery (AutoService). */
  private static List<Class<? extends BugChecker>> registeredChecks() {
    List<Class<? extends BugChecker>> checks = new ArrayList<>();
    for (ServiceLoader.Provider<BugChecker> provider :
        ServiceLoader.load(BugChecker.class).stream().toList()) {
      checks.add(provider.type());
    }
    return checks;
  }
}
