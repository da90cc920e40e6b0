package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.report.Report;
import dev.lockstep.scanner.report.Writers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scanner's rule table against the check registry ({@link Checks}): a SARIF rule, with the
 * registry's summary, page and level, for every check the scanner runs, and none for anything else.
 * The checker's {@code CheckDocsTest} does the same for the {@code BugChecker}s and the pages.
 */
final class CheckRulesTest {
  @Test
  void everyScannedCheckHasItsRuleAndEveryRuleIsACheck() {
    Map<String, JsonObject> rules = new LinkedHashMap<>();
    for (JsonElement r : rulesOfAnEmptyScan()) {
      JsonObject rule = r.getAsJsonObject();
      rules.put(rule.get("id").getAsString(), rule);
    }

    List<String> scanned = new ArrayList<>();
    for (Checks.Check check : Checks.ALL) {
      if (!check.scanned()) {
        assertWithMessage("%s is not scanned but has a SARIF rule", check.name())
            .that(rules)
            .doesNotContainKey(check.name());
        continue;
      }
      scanned.add(check.name());
      JsonObject rule = rules.get(check.name());
      assertWithMessage("%s is registered but the scanner has no rule for it", check.name())
          .that(rule)
          .isNotNull();
      assertThat(rule.get("name").getAsString()).isEqualTo(check.name());
      assertThat(rule.getAsJsonObject("shortDescription").get("text").getAsString())
          .isEqualTo(check.summary());
      assertThat(rule.get("helpUri").getAsString()).isEqualTo(check.link());
      assertThat(rule.getAsJsonObject("defaultConfiguration").get("level").getAsString())
          .isEqualTo(check.severity().label());
    }
    assertWithMessage("the scanner's rules are the registered checks it runs, in order")
        .that(new ArrayList<>(rules.keySet()))
        .containsExactlyElementsIn(scanned)
        .inOrder();
  }

  private static Iterable<JsonElement> rulesOfAnEmptyScan() {
    Report empty =
        new Report(List.of(), List.of(), new FrontEnd.Stats(0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0);
    return JsonParser.parseString(Writers.write(Writers.Format.SARIF, empty))
        .getAsJsonObject()
        .getAsJsonArray("runs")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("tool")
        .getAsJsonObject("driver")
        .getAsJsonArray("rules");
  }
}
