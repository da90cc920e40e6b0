package dev.lockstep.scanner.lsp;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * One document's text and its syntax tree with positions, for building text edits: the node at a
 * finding's anchor, the declaration around it, the source of a node, an import to add.
 */
final class SourceEdits {
  private final String text;
  private final CompilationUnit unit;

  private SourceEdits(String text, CompilationUnit unit) {
    this.text = text;
    this.unit = unit;
  }

  /** The document parsed with positions, or empty when it does not parse. */
  static Optional<SourceEdits> parse(String text) {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)
                .setAttributeComments(false));
    ParseResult<CompilationUnit> result = parser.parse(text);
    return result.isSuccessful()
        ? result.getResult().map(u -> new SourceEdits(text, u))
        : Optional.empty();
  }

  String text() {
    return text;
  }

  CompilationUnit unit() {
    return unit;
  }

  /** The outermost node that starts exactly at the 1-based line and column, of the given type. */
  <T extends Node> Optional<T> startingAt(Class<T> type, int line, int column) {
    return unit.findFirst(
        type, n -> n.getBegin().map(b -> b.line == line && b.column == column).orElse(false));
  }

  /** The innermost node containing the 1-based line and column. */
  Optional<Node> at(int line, int column) {
    com.github.javaparser.Position p = new com.github.javaparser.Position(line, column);
    Node found = null;
    for (Node n = unit; n != null; ) {
      found = n;
      Node next = null;
      for (Node child : n.getChildNodes()) {
        if (child.getRange().map(r -> r.contains(p)).orElse(false)) {
          next = child;
          break;
        }
      }
      n = next;
    }
    return Optional.ofNullable(found);
  }

  /** The method or constructor around a node, or else its type: where an annotation goes. */
  static Optional<NodeWithAnnotations<?>> declarationAround(Node node) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?> c) {
        return Optional.of(c);
      }
      if (n instanceof TypeDeclaration<?> t) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The exact source text of a node. */
  String source(Node node) {
    var range = node.getRange().orElseThrow();
    return text.substring(offset(range.begin), offset(range.end) + 1);
  }

  /** The offset of a JavaParser position (1-based line and column). */
  int offset(com.github.javaparser.Position p) {
    return Lines.offset(text, new Position(p.line - 1, p.column - 1));
  }

  /** The LSP range of a node. */
  static Range range(Node node) {
    var r = node.getRange().orElseThrow();
    return new Range(
        new Position(r.begin.line - 1, r.begin.column - 1),
        new Position(r.end.line - 1, r.end.column));
  }

  /** An edit inserting {@code line} (an annotation) on its own line above a declaration. */
  TextEdit annotationAbove(Node declaration, String annotation) {
    var begin = declaration.getBegin().orElseThrow();
    String lineText = Lines.line(text, begin.line - 1);
    String indent = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
    Position at = new Position(begin.line - 1, begin.column - 1);
    return new TextEdit(new Range(at, at), annotation + "\n" + indent);
  }

  /**
   * The name to write for {@code qualified} ({@code dev.lockstep.annotations.Sequential}) and the
   * import to add, if one is needed: the simple name when it is imported, importable or in the same
   * package; the qualified name when another type of that simple name is imported.
   */
  Named name(String qualified) {
    int dot = qualified.lastIndexOf('.');
    String pkg = qualified.substring(0, dot);
    String simple = qualified.substring(dot + 1);
    String own = unit.getPackageDeclaration().map(d -> d.getNameAsString()).orElse("");
    if (own.equals(pkg)) {
      return new Named(simple, Optional.empty());
    }
    for (ImportDeclaration i : unit.getImports()) {
      if (i.isStatic()) {
        continue;
      }
      String name = i.getNameAsString();
      if (i.isAsterisk() ? name.equals(pkg) : name.equals(qualified)) {
        return new Named(simple, Optional.empty());
      }
      if (!i.isAsterisk() && name.endsWith("." + simple)) {
        return new Named(qualified, Optional.empty()); // another Sequential is imported
      }
    }
    return new Named(simple, Optional.of(importEdit(qualified)));
  }

  /** A simple or qualified name to write, and the import it needs. */
  record Named(String name, Optional<TextEdit> importEdit) {}

  private TextEdit importEdit(String qualified) {
    String line = "import " + qualified + ";\n";
    if (!unit.getImports().isEmpty()) {
      var imports = unit.getImports();
      int last = imports.get(imports.size() - 1).getEnd().orElseThrow().line; // 1-based
      Position at = new Position(last, 0);
      return new TextEdit(new Range(at, at), line);
    }
    var pkg = unit.getPackageDeclaration();
    if (pkg.isPresent()) {
      Position at = new Position(pkg.orElseThrow().getEnd().orElseThrow().line, 0);
      return new TextEdit(new Range(at, at), "\n" + line);
    }
    Position at = new Position(0, 0);
    return new TextEdit(new Range(at, at), line + "\n");
  }
}
