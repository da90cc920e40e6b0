package dev.lockstep.scanner.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mermaid flowchart {@code lockstep doc} writes, checked line by line against the subset of
 * Mermaid's flowchart syntax it uses: safe node ids, quoted and escaped labels, every edge between
 * declared nodes, class assignments to declared classes and nodes; and what it says about the
 * samples (the window over a lock is limited to 1 by a highlighted resource).
 */
final class ConcurrencyMapDiagramTest {
  private static final Path SAMPLES = Path.of("../samples/src/main/java");
  private static final String ID = "[A-Za-z][A-Za-z0-9_]*";
  private static final String LABEL = "((?:[^\"<>|`\\[\\]{}()#;\\n]|#\\w+;|<br/>)*)";
  private static final Pattern NODE = Pattern.compile("  (" + ID + ")\\[\"" + LABEL + "\"\\]");
  private static final Pattern RESOURCE =
      Pattern.compile("  (" + ID + ")\\[\\(\"" + LABEL + "\"\\)\\]");
  private static final Pattern EDGE =
      Pattern.compile("  (" + ID + ") -->\\|\"" + LABEL + "\"\\| (" + ID + ")");
  private static final Pattern CLASS_DEF = Pattern.compile("  classDef (" + ID + ") [^;\"]+");
  private static final Pattern CLASS =
      Pattern.compile("  class (" + ID + "(?:," + ID + ")*) (" + ID + ")");
  private static final Set<String> RESERVED =
      Set.of("end", "graph", "subgraph", "flowchart", "click", "style", "class", "classDef");

  @TempDir Path dir;

  /** What a checked diagram holds. */
  record Diagram(
      Map<String, String> nodes, List<String[]> edges, Map<String, Set<String>> classes) {}

  /** Checks every line of the diagram's syntax; fails naming the first line that is not. */
  static Diagram check(String block) {
    List<String> lines = block.lines().toList();
    assertThat(lines.get(0)).isEqualTo("flowchart LR");
    Map<String, String> nodes = new HashMap<>();
    List<String[]> edges = new ArrayList<>();
    Set<String> classDefs = new HashSet<>();
    Map<String, Set<String>> classes = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      Matcher node = NODE.matcher(line);
      Matcher resource = RESOURCE.matcher(line);
      Matcher edge = EDGE.matcher(line);
      Matcher classDef = CLASS_DEF.matcher(line);
      Matcher cls = CLASS.matcher(line);
      if (node.matches() || resource.matches()) {
        Matcher m = node.matches() ? node : resource;
        assertWithMessage("node id %s", m.group(1)).that(RESERVED).doesNotContain(m.group(1));
        assertWithMessage("declared once: %s", line)
            .that(nodes.put(m.group(1), m.group(2)))
            .isNull();
      } else if (edge.matches()) {
        assertWithMessage("edge label of %s", line)
            .that(edge.group(2))
            .matches("(\\d+|\\?) → (\\d+|\\?)");
        edges.add(new String[] {edge.group(1), edge.group(2), edge.group(3)});
      } else if (classDef.matches()) {
        classDefs.add(classDef.group(1));
      } else if (cls.matches()) {
        assertWithMessage("class defined before use: %s", line)
            .that(classDefs)
            .contains(cls.group(2));
        classes.put(cls.group(2), Set.of(cls.group(1).split(",", -1)));
      } else {
        throw new AssertionError("not a flowchart line this writer may write: " + line);
      }
    }
    for (String[] edge : edges) {
      assertWithMessage("edge %s declared", edge[0]).that(nodes).containsKey(edge[0]);
      assertWithMessage("edge %s declared", edge[2]).that(nodes).containsKey(edge[2]);
    }
    classes.values().forEach(ids -> assertThat(nodes.keySet()).containsAtLeastElementsIn(ids));
    return new Diagram(nodes, edges, classes);
  }

  private static String mermaidBlock(String markdown) {
    Matcher m = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertWithMessage("a mermaid block").that(m.find()).isTrue();
    String block = m.group(1);
    assertWithMessage("only one").that(m.find()).isFalse();
    return block;
  }

  @Test
  void theSamplesMapIsValidAndShowsTheBottleneck() throws IOException {
    Path out = dir.resolve("doc");
    assertThat(Lockstep.run("doc", "--output-dir", out.toString(), SAMPLES.toString()))
        .isEqualTo(Lockstep.CLEAN);
    Diagram d =
        check(
            mermaidBlock(
                Files.readString(out.resolve("concurrency-map.md"), StandardCharsets.UTF_8)));

    String overLock = idOf(d, "WindowOverLock#publishAll");
    String[] edge = edgeFrom(d, overLock);
    assertThat(edge[1]).isEqualTo("? → 1"); // k is a parameter; the tasks get 1
    assertThat(d.nodes().get(edge[2])).isEqualTo("'session'");
    assertThat(d.classes().get("bottleneck")).contains(edge[2]);
    assertThat(d.classes().get("finding")).containsExactly(overLock);

    String[] pooled = edgeFrom(d, idOf(d, "PooledWindowPublish#publishAll"));
    assertThat(pooled[1]).isEqualTo("5 → 5");
    assertThat(d.nodes().get(pooled[2])).isEqualTo("SessionPool");
    assertThat(d.classes().get("bottleneck")).doesNotContain(pooled[2]);
  }

  private static String idOf(Diagram d, String member) {
    List<String> ids =
        d.nodes().entrySet().stream()
            .filter(e -> e.getValue().contains(ConcurrencyMapDiagram.label(member)))
            .map(Map.Entry::getKey)
            .toList();
    assertWithMessage("nodes of %s in %s", member, d.nodes()).that(ids).hasSize(1);
    return ids.get(0);
  }

  private static String[] edgeFrom(Diagram d, String id) {
    List<String[]> out = d.edges().stream().filter(e -> e[0].equals(id)).toList();
    assertWithMessage("edges from %s", id).that(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void labelsEscapeWhatMermaidOrHtmlWouldRead() {
    String hostile = "Map<String, List<Foo>>[\"x\"] | `a` #1 {b} (c); d & e\nf";
    String label = ConcurrencyMapDiagram.label(hostile);
    assertThat(label).matches(LABEL);
    assertThat(label).doesNotContain("\"");
    assertThat(label).doesNotContain("<");
    assertThat(label).doesNotContain("\n");
    assertThat(label).startsWith("Map#lt;String, List#lt;Foo#gt;#gt;#91;#quot;x#quot;#93;");
    // A node with that label still passes the line check.
    check("flowchart LR\n  p1[\"" + label + "\"]\n");
  }

  @Test
  void theCheckerRejectsBrokenLines() {
    assertThrowsAssertion("flowchart LR\n  p1[\"a \"quoted\" b\"]\n");
    assertThrowsAssertion("flowchart LR\n  p1[\"List<String>\"]\n");
    assertThrowsAssertion("flowchart LR\n  p1[\"a\"]\n  p1 -->|\"1 → 1\"| r9\n");
    assertThrowsAssertion("flowchart LR\n  end[\"a\"]\n");
  }

  private static void assertThrowsAssertion(String diagram) {
    try {
      check(diagram);
    } catch (AssertionError expected) {
      return;
    }
    throw new AssertionError("accepted: " + diagram);
  }
}
