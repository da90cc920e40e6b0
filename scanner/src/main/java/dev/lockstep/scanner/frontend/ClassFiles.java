package dev.lockstep.scanner.frontend;

import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javassist.bytecode.AccessFlag;
import javassist.bytecode.ClassFile;
import javassist.bytecode.InnerClassesAttribute;
import javassist.bytecode.MethodInfo;

/**
 * The class files of the {@code --classpath} jars and class directories, for what javac reads off
 * them and the source cannot tell: annotations ({@link ClassFileMarks}) and {@code
 * ACC_SYNCHRONIZED} ({@link LibraryModifiers}). Read with javassist's bytecode reader (the symbol
 * solver's own dependency), without loading anything; each class is read once. A class that cannot
 * be read is absent.
 *
 * <p>Methods are found as the analysis names them ({@link dev.lockstep.analysis.facts.MethodRef}):
 * by name and erased parameter types, not by a descriptor built from the source signature, because
 * the class file's descriptor differs from the source where javac adds parameters: the enclosing
 * instance of an inner class's constructor, the name and ordinal of an enum's constructor. (Generic
 * signatures need no special case: the descriptor holds the erasure, which is what the analysis
 * spells.)
 *
 * <p>Known gap, upstream of this class: JavaParser's own javassist model counts the enclosing
 * instance as a parameter of a non-generic inner class's constructor (it reads the descriptor; a
 * generic constructor's {@code Signature} attribute leaves it out), so {@code outer.new
 * Inner(host)} does not resolve against a jar and gets no finding, where javac's would. Static
 * nested classes and generic inner constructors resolve (parity case
 * libraryInnerClassConstructors).
 */
final class ClassFiles {
  private static final List<String> ENUM_CONSTRUCTOR_PREFIX = List.of("java.lang.String", "int");

  private final List<Path> classpath;
  private final Map<String, Optional<ClassFile>> classes = new HashMap<>();
  private final Map<Path, Set<String>> entries = new HashMap<>();

  ClassFiles(List<Path> classpath) {
    this.classpath = List.copyOf(classpath);
  }

  boolean isEmpty() {
    return classpath.isEmpty();
  }

  /** {@code com.example.Outer$Inner} for the type {@code com.example.Outer.Inner}. */
  static String binaryName(ResolvedReferenceTypeDeclaration type) {
    String pkg = type.getPackageName();
    String cls = type.getClassName().replace('.', '$');
    return pkg.isEmpty() ? cls : pkg + "." + cls;
  }

  /** The class of this binary name, if some classpath root has it. */
  Optional<ClassFile> read(String binaryName) {
    return classes.computeIfAbsent(binaryName, this::load);
  }

  /**
   * The method or constructor ({@code <init>}) of this name whose parameters, erased and spelled as
   * canonical names ({@code java.util.Map.Entry}, {@code int[]}), are {@code paramTypes}: as
   * written in the source, or as the class file has them (with javac's added parameters).
   */
  Optional<MethodInfo> method(String binaryName, String name, List<String> paramTypes) {
    Optional<ClassFile> found = read(binaryName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ClassFile cls = found.orElseThrow();
    List<String> added = name.equals("<init>") ? addedConstructorParams(cls) : List.of();
    for (MethodInfo m : cls.getMethods()) {
      if (!m.getName().equals(name) || (m.getAccessFlags() & AccessFlag.BRIDGE) != 0) {
        continue;
      }
      List<String> params = paramTypes(m.getDescriptor());
      if (params.equals(paramTypes)
          || (!added.isEmpty()
              && params.size() == added.size() + paramTypes.size()
              && params.subList(0, added.size()).equals(added)
              && params.subList(added.size(), params.size()).equals(paramTypes))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * The parameters javac puts before the declared ones of every constructor of this class: the
   * enclosing instance of an inner (non-static member) class, an enum's name and ordinal.
   */
  private static List<String> addedConstructorParams(ClassFile cls) {
    if ((cls.getAccessFlags() & AccessFlag.ENUM) != 0) {
      return ENUM_CONSTRUCTOR_PREFIX;
    }
    if (cls.getAttribute(InnerClassesAttribute.tag) instanceof InnerClassesAttribute inner) {
      for (int i = 0; i < inner.tableLength(); i++) {
        // An entry names the class itself; an outer class is there only for a member class.
        if (cls.getName().equals(inner.innerClass(i))
            && inner.outerClass(i) != null
            && (inner.accessFlags(i) & AccessFlag.STATIC) == 0
            && (cls.getAccessFlags() & AccessFlag.INTERFACE) == 0) {
          return List.of(canonical(inner.outerClass(i)));
        }
      }
    }
    return List.of();
  }

  /** A method descriptor's parameter types as canonical names: {@code (I[Ljava/lang/String;)V}. */
  static List<String> paramTypes(String descriptor) {
    List<String> params = new ArrayList<>();
    int i = descriptor.indexOf('(') + 1;
    while (i > 0 && i < descriptor.length() && descriptor.charAt(i) != ')') {
      int dims = 0;
      while (descriptor.charAt(i) == '[') {
        dims++;
        i++;
      }
      String type;
      char c = descriptor.charAt(i);
      if (c == 'L') {
        int end = descriptor.indexOf(';', i);
        type = canonical(descriptor.substring(i + 1, end).replace('/', '.'));
        i = end + 1;
      } else {
        type = primitive(c);
        i++;
      }
      params.add(type + "[]".repeat(dims));
    }
    return params;
  }

  private static String canonical(String binaryName) {
    return binaryName.replace('$', '.');
  }

  private static String primitive(char c) {
    return switch (c) {
      case 'Z' -> "boolean";
      case 'B' -> "byte";
      case 'C' -> "char";
      case 'S' -> "short";
      case 'I' -> "int";
      case 'J' -> "long";
      case 'F' -> "float";
      case 'D' -> "double";
      default -> "?";
    };
  }

  /** A jar's entry names, read once: most lookups (JDK types) are misses. */
  private Set<String> entries(Path jar) {
    return entries.computeIfAbsent(
        jar,
        j -> {
          try (ZipFile zip = new ZipFile(j.toFile())) {
            Set<String> names = new HashSet<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            return names;
          } catch (IOException e) {
            return Set.of();
          }
        });
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
        // An unreadable entry hides what it carries, nothing else.
      }
    }
    return Optional.empty();
  }
}
