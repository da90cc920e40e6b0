package dev.lockstep.scanner.lsp;

import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A finding as an editor shows it: a warning at the loop (or pipeline) the finding names, the check
 * as its code with the check's page as the code's description, and each hop of each chain as a
 * related location the user can click through.
 */
final class Diagnostics {
  static final String SOURCE = "lockstep";

  private Diagnostics() {}

  /**
   * @param text the document's text (the range runs to the end of the anchor's line)
   * @param fileOf the workspace file a hop's location names, if any
   * @param self the file of the finding, for hops in a library's class file
   */
  static Diagnostic of(
      FrontEnd.ScanFinding scan,
      String text,
      Function<Location, Optional<Path>> fileOf,
      Path self) {
    var finding = scan.finding();
    Diagnostic d = new Diagnostic();
    d.setRange(anchor(text, finding.location()));
    d.setSeverity(DiagnosticSeverity.Warning);
    d.setSource(SOURCE);
    d.setCode(finding.check());
    d.setCodeDescription(new DiagnosticCodeDescription(Checks.docLink(finding.check())));
    d.setMessage(finding.message());
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    List<WaitChain> chains = finding.chains();
    for (int c = 0; c < chains.size(); c++) {
      String prefix = chains.size() > 1 ? "wait " + (c + 1) + ": " : "";
      for (Hop hop : chains.get(c).hops()) {
        Location at = hop.location();
        Optional<Path> file = fileOf.apply(at);
        org.eclipse.lsp4j.Location where =
            file.isPresent()
                ? new org.eclipse.lsp4j.Location(Documents.uri(file.orElseThrow()), point(at))
                // a hop in a library's class file: shown, and pointing at the finding itself
                : new org.eclipse.lsp4j.Location(Documents.uri(self), d.getRange());
        related.add(new DiagnosticRelatedInformation(where, prefix + hop.render()));
      }
    }
    d.setRelatedInformation(related);
    return d;
  }

  /** From the anchor to the end of its line (trailing blanks dropped), 0-based as LSP counts. */
  static Range anchor(String text, Location location) {
    int line = Math.max(0, location.line() - 1);
    int column = Math.max(0, location.column() - 1);
    String lineText = Lines.line(text, line);
    int end = lineText.stripTrailing().length();
    if (end <= column) {
      end = lineText.length();
    }
    return new Range(new Position(line, column), new Position(line, Math.max(column, end)));
  }

  private static Range point(Location at) {
    Position p = new Position(Math.max(0, at.line() - 1), Math.max(0, at.column() - 1));
    return new Range(p, p);
  }
}
