package dev.lockstep.scanner.lsp;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * What the user can do about a Lockstep diagnostic: take the suggested {@code BoundedWindow}
 * rewrite when the finding offers one, declare the method {@code @Sequential} with a reason, or
 * suppress the check on it.
 */
final class CodeActions {
  static final String SEQUENTIAL = "dev.lockstep.annotations.Sequential";

  /** The reason written into a new {@code @Sequential}: the user must replace it. */
  static final String REASON = "TODO: why these calls must run one at a time";

  private CodeActions() {}

  /**
   * @param uri the document
   * @param source its text and tree
   * @param finding the finding behind {@code diagnostic}
   */
  static List<CodeAction> forFinding(
      String uri, SourceEdits source, Finding finding, Diagnostic diagnostic) {
    List<CodeAction> actions = new ArrayList<>();
    if (finding.fix() instanceof FixPlan.Rewrite plan) {
      WindowRewrite.edits(source, finding)
          .ifPresent(
              edits ->
                  actions.add(
                      action(
                          "Run in a bounded window: BoundedWindow.of(" + plan.window() + ")",
                          uri,
                          edits,
                          diagnostic,
                          true)));
    }
    var at = finding.location();
    Optional<NodeWithAnnotations<?>> declaration =
        source.at(at.line(), Math.max(1, at.column())).flatMap(SourceEdits::declarationAround);
    if (declaration.isEmpty()) {
      return actions;
    }
    NodeWithAnnotations<?> target = declaration.orElseThrow();
    Node node = (Node) target;
    if (!target.isAnnotationPresent("Sequential") && !target.isAnnotationPresent(SEQUENTIAL)) {
      SourceEdits.Named sequential = source.name(SEQUENTIAL);
      List<TextEdit> edits = new ArrayList<>();
      edits.add(
          source.annotationAbove(node, "@" + sequential.name() + "(reason = \"" + REASON + "\")"));
      sequential.importEdit().ifPresent(edits::add);
      actions.add(
          action(
              "Declare " + what(node) + " @Sequential (serial on purpose)",
              uri,
              edits,
              diagnostic,
              false));
    }
    actions.add(
        action(
            "Suppress " + finding.check() + " on " + what(node),
            uri,
            suppress(source, target, node, finding.check()),
            diagnostic,
            false));
    return actions;
  }

  private static List<TextEdit> suppress(
      SourceEdits source, NodeWithAnnotations<?> target, Node node, String check) {
    Optional<AnnotationExpr> existing =
        target
            .getAnnotationByName("SuppressWarnings")
            .or(() -> target.getAnnotationByName("java.lang.SuppressWarnings"));
    if (existing.isEmpty()) {
      return List.of(source.annotationAbove(node, "@SuppressWarnings(\"" + check + "\")"));
    }
    AnnotationExpr annotation = existing.orElseThrow();
    Set<String> names = new LinkedHashSet<>();
    for (StringLiteralExpr s : annotation.findAll(StringLiteralExpr.class)) {
      names.add(s.getValue());
    }
    names.add(check);
    String values =
        names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "{", "}"));
    return List.of(
        new TextEdit(SourceEdits.range(annotation), "@SuppressWarnings(" + values + ")"));
  }

  private static String what(Node node) {
    if (node instanceof com.github.javaparser.ast.body.CallableDeclaration<?> c) {
      return "'" + c.getNameAsString() + "'";
    }
    if (node instanceof com.github.javaparser.ast.body.TypeDeclaration<?> t) {
      return "'" + t.getNameAsString() + "'";
    }
    return "the declaration";
  }

  private static CodeAction action(
      String title, String uri, List<TextEdit> edits, Diagnostic diagnostic, boolean preferred) {
    CodeAction action = new CodeAction(title);
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(diagnostic));
    action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
    action.setIsPreferred(preferred);
    return action;
  }
}
