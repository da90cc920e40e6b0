package dev.lockstep.scanner.frontend;

import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javassist.bytecode.AnnotationsAttribute;
import javassist.bytecode.ClassFile;
import javassist.bytecode.MethodInfo;
import javassist.bytecode.annotation.Annotation;
import javassist.bytecode.annotation.IntegerMemberValue;
import javassist.bytecode.annotation.MemberValue;

/**
 * Lockstep's and JetBrains' intent annotations as class files carry them, for the types and methods
 * that come from {@code --classpath} jars and class directories, where there is no source to read
 * them from. Lockstep's annotations have {@code CLASS} retention ({@code
 * RuntimeInvisibleAnnotations}), JetBrains' too; both attributes are read. The checker reads the
 * same annotations from javac's class-file symbols.
 *
 * <p>Class files are read with javassist's bytecode reader (the symbol solver's own dependency),
 * without loading anything; each class is read once. A class that cannot be read has no marks.
 */
final class ClassFileMarks {
  private static final String LOCKSTEP = "dev.lockstep.annotations.";
  private static final String JETBRAINS = "org.jetbrains.annotations.";

  private final List<Path> classpath;
  private final Map<String, Optional<ClassFile>> classes = new HashMap<>();
  private final Map<Path, Set<String>> entries = new HashMap<>();

  ClassFileMarks(List<Path> classpath) {
    this.classpath = List.copyOf(classpath);
  }

  /** Marks a library type carries in its class file (and the classes around it). */
  Marks typeMarks(ResolvedReferenceTypeDeclaration type) {
    if (classpath.isEmpty()) {
      return Marks.NONE;
    }
    try {
      return typeMarks(binaryName(type));
    } catch (RuntimeException e) {
      return Marks.NONE;
    }
  }

  /** Marks a library method or constructor carries in its class file. */
  Marks methodMarks(ResolvedMethodLikeDeclaration method) {
    if (classpath.isEmpty()) {
      return Marks.NONE;
    }
    try {
      String owner = binaryName(method.declaringType());
      if (method instanceof ResolvedMethodDeclaration m) {
        return methodMarks(owner, m.getName(), m.toDescriptor());
      }
      // A constructor: <init>, its erased parameters, void. (An inner class's constructor also
      // takes the outer instance first; such a constructor is not found, so it has no marks.)
      StringBuilder descriptor = new StringBuilder("(");
      for (int i = 0; i < method.getNumberOfParams(); i++) {
        descriptor.append(method.getParam(i).getType().erasure().toDescriptor());
      }
      return methodMarks(owner, "<init>", descriptor.append(")V").toString());
    } catch (RuntimeException e) {
      return Marks.NONE;
    }
  }

  private static String binaryName(ResolvedReferenceTypeDeclaration type) {
    String pkg = type.getPackageName();
    String cls = type.getClassName().replace('.', '$');
    return pkg.isEmpty() ? cls : pkg + "." + cls;
  }

  /**
   * Marks on the class of this binary name ({@code com.example.Outer$Inner}) and on every class
   * enclosing it.
   */
  Marks typeMarks(String binaryName) {
    Marks result = Marks.NONE;
    for (String name = binaryName; ; name = name.substring(0, name.lastIndexOf('$'))) {
      Optional<ClassFile> cls = read(name);
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

  /** Marks on one method, found by name and JVM descriptor, of the class of this binary name. */
  Marks methodMarks(String binaryName, String method, String descriptor) {
    Optional<ClassFile> cls = read(binaryName);
    if (cls.isEmpty()) {
      return Marks.NONE;
    }
    for (MethodInfo m : cls.orElseThrow().getMethods()) {
      if (m.getName().equals(method) && m.getDescriptor().equals(descriptor)) {
        return marks(
            m.getAttribute(AnnotationsAttribute.invisibleTag),
            m.getAttribute(AnnotationsAttribute.visibleTag));
      }
    }
    return Marks.NONE;
  }

  private static Marks marks(Object... attributes) {
    Set<Mark> set = EnumSet.noneOf(Mark.class);
    int parallelism = 0;
    for (Object attribute : attributes) {
      if (!(attribute instanceof AnnotationsAttribute annotations)) {
        continue;
      }
      for (Annotation a : annotations.getAnnotations()) {
        switch (a.getTypeName()) {
          case LOCKSTEP + "Blocking", JETBRAINS + "Blocking" -> set.add(Mark.BLOCKING);
          case LOCKSTEP + "NonBlocking", JETBRAINS + "NonBlocking" -> set.add(Mark.NON_BLOCKING);
          case LOCKSTEP + "Sequential" -> set.add(Mark.SEQUENTIAL);
          case LOCKSTEP + "SerializedResource" -> {
            set.add(Mark.SERIALIZED_RESOURCE);
            parallelism = 1;
          }
          case LOCKSTEP + "ResourceParallelism" -> {
            set.add(Mark.RESOURCE_PARALLELISM);
            MemberValue value = a.getMemberValue("value");
            if (value instanceof IntegerMemberValue n && n.getValue() > 0) {
              parallelism = parallelism == 0 ? n.getValue() : Math.min(parallelism, n.getValue());
            }
          }
          default -> {}
        }
      }
    }
    return set.isEmpty() ? Marks.NONE : new Marks(set, parallelism);
  }

  /** A jar's entry names, read once: most lookups (JDK types) are misses. */
  private Set<String> entries(Path jar) {
    return entries.computeIfAbsent(
        jar,
        j -> {
          try (ZipFile zip = new ZipFile(j.toFile())) {
            Set<String> names = new java.util.HashSet<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            return names;
          } catch (IOException e) {
            return Set.of();
          }
        });
  }

  private Optional<ClassFile> read(String binaryName) {
    return classes.computeIfAbsent(binaryName, this::load);
  }

  private Optional<ClassFile> load(String binaryName) {
    String entry = binaryName.replace('.', '/') + ".class";
    for (Path root : classpath) {
      try {
        if (Files.isDirectory(root)) {
          Path file = root.resolve(entry);
          if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
              return Optional.of(new ClassFile(new DataInputStream(in)));
            }
          }
        } else if (Files.isRegularFile(root) && entries(root).contains(entry)) {
          try (ZipFile jar = new ZipFile(root.toFile())) {
            ZipEntry found = jar.getEntry(entry);
            if (found != null) {
              try (InputStream in = jar.getInputStream(found)) {
                return Optional.of(new ClassFile(new DataInputStream(in)));
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable entry hides its annotations, nothing else.
      }
    }
    return Optional.empty();
  }
}
