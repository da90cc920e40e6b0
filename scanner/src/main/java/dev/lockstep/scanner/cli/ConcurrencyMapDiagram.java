package dev.lockstep.scanner.cli;

import dev.lockstep.analysis.rules.PipelineVerdict;
import dev.lockstep.scanner.frontend.PipelineScan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The concurrency map as a Mermaid flowchart (GitHub renders it in Markdown): each analysed
 * pipeline points at the resource that limits its tasks, the edge labelled {@code k → p} (its
 * window, the effective parallelism its tasks get). A resource that holds a pipeline below its
 * window is a bottleneck and highlighted; a pipeline with a finding is marked. Node ids are
 * generated ({@code p1}, {@code r1}); every text from source is a quoted label with Mermaid's
 * entity codes for the characters its syntax or the HTML it renders to would read.
 */
final class ConcurrencyMapDiagram {
  private ConcurrencyMapDiagram() {}

  static String mermaid(List<PipelineScan.Analysed> pipelines) {
    StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
    Map<String, String> resources = new LinkedHashMap<>(); // bottleneck text -> node id
    Map<String, Boolean> limiting = new LinkedHashMap<>();
    StringBuilder edges = new StringBuilder();
    StringBuilder flagged = new StringBuilder();
    int n = 0;
    for (PipelineScan.Analysed a : pipelines) {
      n++;
      String id = "p" + n;
      String where =
          fileName(a.pipeline().location().file()) + ":" + a.pipeline().location().line();
      out.append("  ")
          .append(id)
          .append("[\"")
          .append(label(DocCommand.kindName(a.pipeline().kind())))
          .append(" in ")
          .append(label(shortMember(a.member())))
          .append("<br/>")
          .append(label(where))
          .append("\"]\n");
      if (a.verdict() instanceof PipelineVerdict.Flagged) {
        flagged.append(flagged.isEmpty() ? "" : ",").append(id);
      }
      if (a.bottleneck().isEmpty()) {
        continue;
      }
      String resource =
          resources.computeIfAbsent(a.bottleneck(), b -> "r" + (resources.size() + 1));
      boolean limits =
          a.effective().isPresent()
              && (a.window().isEmpty() || a.effective().getAsInt() < a.window().getAsInt());
      limiting.merge(a.bottleneck(), limits, Boolean::logicalOr);
      edges
          .append("  ")
          .append(id)
          .append(" -->|\"")
          .append(label(number(a.window()) + " → " + number(a.effective())))
          .append("\"| ")
          .append(resource)
          .append('\n');
    }
    StringBuilder bottlenecks = new StringBuilder();
    resources.forEach(
        (text, id) -> {
          out.append("  ").append(id).append("[(\"").append(label(text)).append("\")]\n");
          if (limiting.getOrDefault(text, false)) {
            bottlenecks.append(bottlenecks.isEmpty() ? "" : ",").append(id);
          }
        });
    out.append(edges);
    out.append("  classDef bottleneck fill:#fde0dc,stroke:#c62828,stroke-width:2px\n");
    out.append("  classDef finding stroke:#c62828,stroke-width:3px\n");
    if (!bottlenecks.isEmpty()) {
      out.append("  class ").append(bottlenecks).append(" bottleneck\n");
    }
    if (!flagged.isEmpty()) {
      out.append("  class ").append(flagged).append(" finding\n");
    }
    return out.append("```\n").toString();
  }

  private static String number(OptionalInt n) {
    return n.isPresent() ? String.valueOf(n.getAsInt()) : "?";
  }

  private static String fileName(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? file : file.substring(slash + 1);
  }

  /** {@code com.acme.Groups#run} as {@code Groups#run}: the package is in the tables below. */
  private static String shortMember(String member) {
    int hash = member.indexOf('#');
    String type = hash < 0 ? member : member.substring(0, hash);
    int dot = type.lastIndexOf('.');
    return dot < 0 ? member : member.substring(dot + 1);
  }

  /**
   * Text safe inside a quoted Mermaid label: quotes, the characters HTML and Mermaid read ({@code <
   * > & # | ` [ ] { } ( ) ;}) as entity codes, line breaks as spaces.
   */
  static String label(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("#quot;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '&' -> out.append("#amp;");
        case '#', '|', '`', '[', ']', '{', '}', '(', ')', ';' ->
            out.append("#").append((int) c).append(';');
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
