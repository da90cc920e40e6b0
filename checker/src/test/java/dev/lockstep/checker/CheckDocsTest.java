package dev.lockstep.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.lockstep.analysis.finding.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The check registry ({@link Checks}) against what exists: every registered check has a {@code
 * BugChecker} of that name whose {@code @BugPattern} says what the registry says, and a page {@code
 * src/docs/checks/<Name>.md} with the sections users look for; every {@code BugChecker} this jar
 * registers and every page is a registered check. (The scanner's {@code CheckRulesTest} holds its
 * SARIF rules to the same registry.)
 */
final class CheckDocsTest {
  /** The sections of an Error Prone bug pattern page, in the order they must appear. */
  private static final List<String> SECTIONS =
      List.of("## The problem", "## Example", "## The fix", "## Suppression", "## Flags");

  private static final Path DOCS = Path.of("..", "src", "docs", "checks");

  @Test
  void everyRegisteredCheckHasItsBugCheckerAndItsPage() throws IOException {
    Map<String, Class<? extends BugChecker>> checkers = new HashMap<>();
    for (Class<? extends BugChecker> checker : registeredCheckers()) {
      checkers.put(checker.getSimpleName(), checker);
    }
    assertThat(checkers).containsKey(Checks.LOCKSTEP_ANNOTATION_MISUSE);

    for (Checks.Check check : Checks.ALL) {
      String name = check.name();
      Class<? extends BugChecker> checker = checkers.get(name);
      assertWithMessage("%s is registered but there is no BugChecker class %s", name, name)
          .that(checker)
          .isNotNull();
      BugPattern pattern = checker.getAnnotation(BugPattern.class);
      assertWithMessage("%s has no @BugPattern", checker).that(pattern).isNotNull();
      assertWithMessage("%s's @BugPattern name (the class name unless it sets one)", name)
          .that(pattern.name().isEmpty() ? checker.getSimpleName() : pattern.name())
          .isEqualTo(name);
      assertWithMessage("%s's @BugPattern summary", name)
          .that(pattern.summary())
          .isEqualTo(check.summary());
      assertWithMessage("%s links to its page", name)
          .that(pattern.link())
          .isEqualTo(Checks.docLink(name));
      assertWithMessage("%s's registered link", name)
          .that(check.link())
          .isEqualTo(Checks.docLink(name));
      assertWithMessage("%s uses its custom link", name)
          .that(pattern.linkType())
          .isEqualTo(BugPattern.LinkType.CUSTOM);
      assertWithMessage("%s's @BugPattern severity", name)
          .that(pattern.severity().name())
          .isEqualTo(check.severity().name());

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
  void everyBugCheckerIsRegistered() {
    for (Class<? extends BugChecker> checker : registeredCheckers()) {
      assertWithMessage("%s is not in the check registry (Checks.ALL)", checker)
          .that(Checks.named(checker.getSimpleName()).isPresent())
          .isTrue();
    }
  }

  @Test
  void everyPageBelongsToACheck() throws IOException {
    try (var pages = Files.list(DOCS)) {
      for (Path page : (Iterable<Path>) pages::iterator) {
        String name = page.getFileName().toString().replaceFirst("\\.md$", "");
        assertWithMessage("%s has no check in the registry (Checks.ALL)", page)
            .that(Checks.named(name).isPresent())
            .isTrue();
      }
    }
  }

  /** The checks this jar registers for Error Prone's plugin discovery (AutoService). */
  private static List<Class<? extends BugChecker>> registeredCheckers() {
    List<Class<? extends BugChecker>> checks = new ArrayList<>();
    for (ServiceLoader.Provider<BugChecker> provider :
        ServiceLoader.load(BugChecker.class).stream().toList()) {
      checks.add(provider.type());
    }
    return checks;
  }
}
