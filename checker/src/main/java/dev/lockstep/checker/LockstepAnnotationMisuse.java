package dev.lockstep.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.LIKELY_ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import dev.lockstep.analysis.finding.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Reports invalid uses of Lockstep's annotations as compile errors: a parallelism below 1, a blank
 * reason, and contradictory annotations on one element. The other checks trust these annotations,
 * so a wrong one would silently turn into wrong findings.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.LOCKSTEP_ANNOTATION_MISUSE_SUMMARY,
    link = Checks.LOCKSTEP_ANNOTATION_MISUSE_LINK,
    linkType = CUSTOM,
    severity = ERROR,
    tags = LIKELY_ERROR)
public final class LockstepAnnotationMisuse extends BugChecker
    implements ClassTreeMatcher, MethodTreeMatcher, VariableTreeMatcher {
  private static final long serialVersionUID = 1L;

  private static final String PACKAGE = "dev.lockstep.annotations.";
  private static final String SERIALIZED_RESOURCE = PACKAGE + "SerializedResource";
  private static final String RESOURCE_PARALLELISM = PACKAGE + "ResourceParallelism";
  private static final String BLOCKING = PACKAGE + "Blocking";
  private static final String NON_BLOCKING = PACKAGE + "NonBlocking";
  private static final String SEQUENTIAL = PACKAGE + "Sequential";
  private static final String JETBRAINS_BLOCKING = "org.jetbrains.annotations.Blocking";
  private static final String JETBRAINS_NON_BLOCKING = "org.jetbrains.annotations.NonBlocking";

  /** Creates the check; it has no flags. */
  public LockstepAnnotationMisuse() {}

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    return check(tree, tree.getModifiers(), state);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return check(tree, tree.getModifiers(), state);
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return check(tree, tree.getModifiers(), state);
  }

  private Description check(Tree element, ModifiersTree modifiers, VisitorState state) {
    List<? extends AnnotationTree> annotations = modifiers.getAnnotations();
    if (annotations.isEmpty()) {
      return Description.NO_MATCH;
    }
    Symbol symbol = ASTHelpers.getSymbol(element);
    String name = symbol == null ? "this element" : "'" + symbol.getSimpleName() + "'";
    AnnotationTree serialized = null;
    AnnotationTree parallelism = null;
    AnnotationTree blocking = null;
    AnnotationTree nonBlocking = null;
    for (AnnotationTree annotation : annotations) {
      AnnotationMirror mirror = ASTHelpers.getAnnotationMirror(annotation);
      String type = ASTHelpers.getSymbol(annotation).getQualifiedName().toString();
      switch (type) {
        case SERIALIZED_RESOURCE -> {
          serialized = annotation;
          checkReason(annotation, mirror, "@SerializedResource", name, false, state);
        }
        case RESOURCE_PARALLELISM -> {
          parallelism = annotation;
          checkParallelism(annotation, mirror, name, state);
          checkReason(annotation, mirror, "@ResourceParallelism", name, false, state);
        }
        case BLOCKING, JETBRAINS_BLOCKING -> {
          blocking = annotation;
          if (type.equals(BLOCKING)) {
            checkReason(annotation, mirror, "@Blocking", name, false, state);
          }
        }
        case NON_BLOCKING, JETBRAINS_NON_BLOCKING -> nonBlocking = annotation;
        case SEQUENTIAL -> checkReason(annotation, mirror, "@Sequential", name, true, state);
        default -> {
          // Not one of ours: nothing to check.
        }
      }
    }
    if (serialized != null && parallelism != null) {
      report(
          parallelism,
          name
              + " is annotated both @SerializedResource and @ResourceParallelism, which contradict"
              + " each other. Keep @SerializedResource for a parallelism of 1, or"
              + " @ResourceParallelism(n) alone for n callers at once.",
          state);
    }
    if (blocking != null && nonBlocking != null) {
      report(
          nonBlocking,
          name
              + " is annotated both "
              + simpleName(blocking)
              + " and "
              + simpleName(nonBlocking)
              + ": a call cannot both wait and never wait. Keep @Blocking if calls cost latency"
              + " (network, database, sleep), @NonBlocking if they never do.",
          state);
    }
    return Description.NO_MATCH;
  }

  private void checkParallelism(
      AnnotationTree annotation, AnnotationMirror mirror, String name, VisitorState state) {
    Optional<Object> value = elementValue(mirror, "value");
    if (value.isPresent() && value.get() instanceof Integer parallelism && parallelism < 1) {
      report(
          annotation,
          "@ResourceParallelism("
              + parallelism
              + ") on "
              + name
              + ": the parallelism must be at least 1 (how many callers make progress at once)."
              + " Use @SerializedResource for a resource that serves one caller at a time.",
          state);
    }
  }

  /**
   * A reason, when written, must say something. {@code @Sequential} requires one (javac enforces
   * its presence, this its content); on the others it is optional but must not be blank.
   */
  private void checkReason(
      AnnotationTree annotation,
      AnnotationMirror mirror,
      String annotationName,
      String name,
      boolean required,
      VisitorState state) {
    Optional<Object> reason = elementValue(mirror, "reason");
    if (reason.isEmpty() || !(reason.get() instanceof String text) || !text.isBlank()) {
      return;
    }
    report(
        annotation,
        annotationName
            + " on "
            + name
            + " has a blank reason: "
            + (required
                ? "say why serial execution is intended here;"
                : "say why, or leave the reason out;")
            + " the reason is shown in Lockstep's diagnostics and generated documentation.",
        state);
  }

  /** The value written for {@code element}, empty when it was left at its default. */
  private static Optional<Object> elementValue(AnnotationMirror mirror, String element) {
    if (mirror == null) {
      return Optional.empty();
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(element)) {
        return Optional.ofNullable(entry.getValue().getValue());
      }
    }
    return Optional.empty();
  }

  private static String simpleName(AnnotationTree annotation) {
    Symbol type = ASTHelpers.getSymbol(annotation);
    String qualified = type.getQualifiedName().toString();
    return qualified.startsWith(PACKAGE)
        ? "@" + type.getSimpleName()
        : "@" + qualified; // JetBrains': name it in full, the reader may not know it is one.
  }

  private void report(AnnotationTree annotation, String message, VisitorState state) {
    state.reportMatch(buildDescription(annotation).setMessage(message).build());
  }
}
