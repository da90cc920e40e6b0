package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.lockstep.analysis.facts.StreamShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code lockstep doc} maps, read from the syntax of already parsed files: the intent
 * annotations with their reasons, and the places that run work with a window.
 */
public final class Declarations {
  private Declarations() {}

  /**
   * One annotated element.
   *
   * @param annotation the simple annotation name ({@code SerializedResource})
   * @param element how the element is named ({@code com.example.Modem#send}, {@code ...#field})
   * @param kind type, method, constructor or field
   * @param parallelism 1 for a serialized resource, n for {@code @ResourceParallelism(n)} (a
   *     literal or a constant the compiler folds), else 0 (also when the constant cannot be
   *     evaluated)
   * @param parallelismConstant how a parallelism given by a constant is written ({@code
   *     MAX_CONNECTIONS}, {@code Limits.PER_TENANT * 2}); empty for a literal or no parallelism
   * @param reason the {@code reason} as written (unescaped), empty when absent
   * @param file the file (relative)
   * @param line the annotation's line
   */
  public record Declared(
      String annotation,
      String element,
      String kind,
      int parallelism,
      String parallelismConstant,
      String reason,
      String file,
      int line) {}

  /**
   * One place that runs work concurrently.
   *
   * @param kind what runs it ({@code BoundedWindow.of}, {@code Executors.newFixedThreadPool}, ...)
   * @param window k when written as a literal
   * @param member the enclosing member
   * @param file the file
   * @param line the line
   */
  public record Pipeline(String kind, OptionalInt window, String member, String file, int line) {}

  /**
   * Everything one parse gives.
   *
   * @param declared the intent annotations
   * @param pipelines where windows, pools and semaphores are created, from the syntax
   * @param analysed the pipelines the effective-parallelism analysis read (empty without types)
   */
  public record Map(
      List<Declared> declared, List<Pipeline> pipelines, List<PipelineScan.Analysed> analysed) {
    public Map {
      declared = List.copyOf(declared);
      pipelines = List.copyOf(pipelines);
      analysed = List.copyOf(analysed);
    }

    public Map(List<Declared> declared, List<Pipeline> pipelines) {
      this(declared, pipelines, List.of());
    }

    /** This map with the analysed pipelines. */
    public Map with(List<PipelineScan.Analysed> pipelinesRead) {
      return new Map(declared, pipelines, pipelinesRead);
    }
  }

  private static final List<String> ANNOTATIONS =
      List.of("Blocking", "NonBlocking", "Sequential", "SerializedResource", "ResourceParallelism");

  public static Map read(List<CompilationUnit> units) {
    JpNames names = new JpNames(new SourceTypeSolver(List.of()));
    // Built on the first parallelism given by a constant: most codebases have none.
    JpValues constants = null;
    List<Declared> declared = new ArrayList<>();
    List<Pipeline> pipelines = new ArrayList<>();
    for (CompilationUnit unit : units) {
      for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
        String q = names.qualified(annotation);
        String simple = q.substring(q.lastIndexOf('.') + 1);
        boolean ours =
            q.startsWith("dev.lockstep.annotations.")
                || q.equals("org.jetbrains.annotations.Blocking")
                || q.equals("org.jetbrains.annotations.NonBlocking");
        if (!ours || !ANNOTATIONS.contains(simple)) {
          continue;
        }
        Node element = annotation.getParentNode().orElse(null);
        if (!(element instanceof NodeWithAnnotations<?>)) {
          continue;
        }
        int parallelism = simple.equals("SerializedResource") ? 1 : 0;
        String constant = "";
        if (simple.equals("ResourceParallelism")) {
          Expression value = JpNames.valueOf(annotation);
          Optional<Integer> literal = JpNames.intValue(annotation);
          if (literal.isPresent()) {
            parallelism = literal.orElseThrow();
          } else if (value != null) {
            constants = constants != null ? constants : constants(units);
            parallelism = constants.intConstant(value).orElse(0);
            constant = JpValues.source(value);
          }
        }
        declared.add(
            new Declared(
                simple,
                elementName(element),
                kind(element),
                parallelism,
                constant,
                reason(annotation),
                JpNames.fileOf(annotation),
                annotation.getBegin().map(p -> p.line).orElse(0)));
      }
      for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
        String name = call.getNameAsString();
        String scope = call.getScope().map(Object::toString).orElse("");
        String kind = null;
        if (name.equals("of") && scope.endsWith("BoundedWindow")) {
          kind = "BoundedWindow.of";
        } else if (scope.endsWith("Executors")
            && (name.equals("newFixedThreadPool") || name.equals("newSingleThreadExecutor"))) {
          kind = "Executors." + name;
        } else if (StreamShapes.PARALLEL.contains(name)) {
          kind = name + "()";
        }
        if (kind != null) {
          OptionalInt k =
              name.equals("newSingleThreadExecutor")
                  ? OptionalInt.of(1)
                  : literal(call.getArguments().isEmpty() ? null : call.getArgument(0));
          pipelines.add(
              new Pipeline(
                  kind,
                  k,
                  FrontEnd.member(call),
                  JpNames.fileOf(call),
                  call.getBegin().map(p -> p.line).orElse(0)));
        }
      }
      for (ObjectCreationExpr created : unit.findAll(ObjectCreationExpr.class)) {
        if (created.getType().getNameAsString().equals("Semaphore")) {
          pipelines.add(
              new Pipeline(
                  "new Semaphore",
                  literal(created.getArguments().isEmpty() ? null : created.getArgument(0)),
                  FrontEnd.member(created),
                  JpNames.fileOf(created),
                  created.getBegin().map(p -> p.line).orElse(0)));
        }
      }
    }
    return new Map(declared, pipelines);
  }

  /**
   * Evaluates constants as the analysis does, over the scanned sources (and the JDK): a constant
   * declared in a jar is not evaluated there either.
   */
  private static JpValues constants(List<CompilationUnit> units) {
    TypeSolver solver =
        new CombinedTypeSolver(new SourceTypeSolver(units), new ReflectionTypeSolver(true));
    return new JpValues(new JpNames(solver), new Vars());
  }

  private static OptionalInt literal(Expression e) {
    if (e instanceof IntegerLiteralExpr i) {
      try {
        return OptionalInt.of(i.asNumber().intValue());
      } catch (RuntimeException ex) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  private static String reason(AnnotationExpr annotation) {
    if (annotation instanceof NormalAnnotationExpr normal) {
      for (var pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("reason")) {
          return text(pair.getValue());
        }
      }
    }
    if (annotation instanceof SingleMemberAnnotationExpr single
        && !annotation.getNameAsString().endsWith("ResourceParallelism")) {
      return text(single.getMemberValue());
    }
    return "";
  }

  private static String text(Expression e) {
    if (e instanceof StringLiteralExpr s) {
      return s.asString();
    }
    if (e instanceof TextBlockLiteralExpr t) {
      return t.asString();
    }
    return Exprs.source(e);
  }

  private static String kind(Node element) {
    return switch (element) {
      case TypeDeclaration<?> t -> "type";
      case com.github.javaparser.ast.body.ConstructorDeclaration c -> "constructor";
      case CallableDeclaration<?> c -> "method";
      case FieldDeclaration f -> "field";
      default -> "element";
    };
  }

  private static String elementName(Node element) {
    if (element instanceof FieldDeclaration field) {
      return FrontEnd.member(field) + "#" + field.getVariable(0).getNameAsString();
    }
    if (element instanceof TypeDeclaration<?> type) {
      return type.getFullyQualifiedName().orElse(type.getNameAsString());
    }
    return FrontEnd.member(element);
  }
}
