package dev.lockstep.scanner.frontend;

import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import dev.lockstep.analysis.facts.MarkAnnotations;
import dev.lockstep.analysis.facts.Marks;
import java.util.List;
import java.util.Optional;
import javassist.bytecode.AnnotationsAttribute;
import javassist.bytecode.ClassFile;
import javassist.bytecode.MethodInfo;
import javassist.bytecode.annotation.Annotation;
import javassist.bytecode.annotation.IntegerMemberValue;

/**
 * Lockstep's and JetBrains' intent annotations as class files carry them, for the types and methods
 * that come from {@code --classpath} jars and class directories, where there is no source to read
 * them from. Lockstep's annotations have {@code CLASS} retention ({@code
 * RuntimeInvisibleAnnotations}), JetBrains' too; both attributes are read. The checker reads the
 * same annotations from javac's class-file symbols.
 */
final class ClassFileMarks {

  private final ClassFiles classFiles;

  ClassFileMarks(ClassFiles classFiles) {
    this.classFiles = classFiles;
  }

  /** Marks a library type carries in its class file (and the classes around it). */
  Marks typeMarks(ResolvedReferenceTypeDeclaration type) {
    if (classFiles.isEmpty()) {
      return Marks.NONE;
    }
    try {
      return typeMarks(ClassFiles.binaryName(type));
    } catch (RuntimeException e) {
      return Marks.NONE;
    }
  }

  /**
   * Marks a library method or constructor carries in its class file.
   *
   * @param paramTypes its erased parameter types as the analysis spells them
   */
  Marks methodMarks(ResolvedMethodLikeDeclaration method, List<String> paramTypes) {
    if (classFiles.isEmpty()) {
      return Marks.NONE;
    }
    try {
      String name = method instanceof ResolvedMethodDeclaration m ? m.getName() : "<init>";
      return methodMarks(ClassFiles.binaryName(method.declaringType()), name, paramTypes);
    } catch (RuntimeException e) {
      return Marks.NONE;
    }
  }

  /**
   * Marks on the class of this binary name ({@code com.example.Outer$Inner}) and on every class
   * enclosing it.
   */
  Marks typeMarks(String binaryName) {
    Marks result = Marks.NONE;
    for (String name = binaryName; ; name = name.substring(0, name.lastIndexOf('$'))) {
      Optional<ClassFile> cls = classFiles.read(name);
      if (cls.isPresent()) {
        result =
            result.plus(
                marks(
                    cls.orElseThrow().getAttribute(AnnotationsAttribute.invisibleTag),
                    cls.orElseThrow().getAttribute(AnnotationsAttribute.visibleTag)));
      }
      if (name.lastIndexOf('$') <= name.lastIndexOf('.')) {
        return result;
      }
    }
  }

  /** Marks on one method ({@code <init>} for a constructor) of the class of this binary name. */
  Marks methodMarks(String binaryName, String method, List<String> paramTypes) {
    Optional<MethodInfo> m = classFiles.method(binaryName, method, paramTypes);
    if (m.isEmpty()) {
      return Marks.NONE;
    }
    return marks(
        m.orElseThrow().getAttribute(AnnotationsAttribute.invisibleTag),
        m.orElseThrow().getAttribute(AnnotationsAttribute.visibleTag));
  }

  private static Marks marks(Object... attributes) {
    MarkAnnotations.Collector collector = MarkAnnotations.collector();
    for (Object attribute : attributes) {
      if (attribute instanceof AnnotationsAttribute annotations) {
        for (Annotation a : annotations.getAnnotations()) {
          collector.add(
              a.getTypeName(),
              () -> a.getMemberValue("value") instanceof IntegerMemberValue n ? n.getValue() : 0);
        }
      }
    }
    return collector.marks();
  }
}
