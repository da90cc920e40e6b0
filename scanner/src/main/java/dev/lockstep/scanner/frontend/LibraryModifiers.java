package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.facts.MethodRef;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javassist.bytecode.AccessFlag;

/**
 * Whether a method is {@code synchronized}, as the checker reads {@code ACC_SYNCHRONIZED} off class
 * files: from the declaration for the scanned sources, from the running JDK for {@code java.*} and
 * {@code javax.*} (the types the scanner resolves by reflection anyway), and from the class file
 * for the jars and class directories on {@code --classpath}. A method none of them knows is not
 * known to be synchronized: that can only hide a finding.
 */
final class LibraryModifiers {
  private static final Map<MethodRef, Boolean> JDK = new ConcurrentHashMap<>();
  private static final ClassFiles NO_LIBRARIES = new ClassFiles(List.of());

  private LibraryModifiers() {}

  /** From the sources and the JDK only. */
  static boolean isSynchronized(ResolvedMethodLikeDeclaration method, MethodRef ref) {
    return isSynchronized(method, ref, NO_LIBRARIES);
  }

  /** From the sources, the JDK and the class files of {@code libraries}. */
  static boolean isSynchronized(
      ResolvedMethodLikeDeclaration method, MethodRef ref, ClassFiles libraries) {
    Optional<com.github.javaparser.ast.Node> ast;
    try {
      ast = method.toAst();
    } catch (RuntimeException e) {
      ast = Optional.empty();
    }
    if (ast.isPresent()) {
      return ast.orElseThrow() instanceof MethodDeclaration m && m.isSynchronized();
    }
    if (ref.name().equals(MethodRef.CONSTRUCTOR)) {
      return false;
    }
    if (ref.owner().startsWith("java.") || ref.owner().startsWith("javax.")) {
      return JDK.computeIfAbsent(ref, LibraryModifiers::reflect);
    }
    if (libraries.isEmpty()) {
      return false;
    }
    try {
      return libraries
          .method(ClassFiles.binaryName(method.declaringType()), ref.name(), ref.paramTypes())
          .map(m -> (m.getAccessFlags() & AccessFlag.SYNCHRONIZED) != 0)
          .orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean reflect(MethodRef ref) {
    Class<?> owner = load(ref.owner());
    if (owner == null) {
      return false;
    }
    try {
      for (Method m : owner.getDeclaredMethods()) {
        if (m.getName().equals(ref.name())
            && m.getParameterCount() == ref.paramTypes().size()
            && sameParams(m, ref)) {
          return Modifier.isSynchronized(m.getModifiers());
        }
      }
    } catch (LinkageError | RuntimeException e) {
      // a class that does not link here: not known to be synchronized
    }
    return false;
  }

  private static boolean sameParams(Method m, MethodRef ref) {
    Class<?>[] params = m.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      if (!String.valueOf(params[i].getCanonicalName()).equals(ref.paramTypes().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The class of a canonical name ({@code java.util.Map.Entry} is {@code java.util.Map$Entry}). */
  private static Class<?> load(String canonical) {
    String name = canonical;
    while (true) {
      try {
        return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
          return null;
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
  }
}
