package dev.lockstep.classfiles;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * Class-file names as the analysis spells them ({@link dev.lockstep.analysis.facts.MethodRef}):
 * canonical names ({@code java.util.Map.Entry}), binary names for classes without one ({@code
 * com.acme.Client$1}), erased parameter types ({@code int[]}).
 */
final class ClassNames {
  private ClassNames() {}

  /** {@code com.acme.Client.Reader} for {@code com/acme/Client$Reader}. */
  static String canonical(String internalOrBinaryName) {
    String binary = internalOrBinaryName.replace('/', '.');
    int dollar = binary.indexOf('$');
    if (dollar < 0) {
      return binary;
    }
    // An anonymous or local class ($1, $1Local) has no canonical name: its binary name stands.
    for (int i = dollar; i >= 0 && i < binary.length() - 1; i = binary.indexOf('$', i + 1)) {
      if (Character.isDigit(binary.charAt(i + 1))) {
        return binary;
      }
    }
    return binary.replace('$', '.');
  }

  /** A type as the analysis spells it: {@code java.lang.String}, {@code int}, {@code byte[][]}. */
  static String typeName(Type type) {
    return switch (type.getSort()) {
      case Type.ARRAY -> typeName(type.getElementType()) + "[]".repeat(type.getDimensions());
      case Type.OBJECT -> canonical(type.getInternalName());
      default -> type.getClassName();
    };
  }

  /** The parameter types of a method descriptor. */
  static List<String> paramTypes(String descriptor) {
    List<String> params = new ArrayList<>();
    for (Type t : Type.getArgumentTypes(descriptor)) {
      params.add(typeName(t));
    }
    return params;
  }

  /**
   * The binary names a canonical name may stand for, likeliest first: {@code a.b.C.D} is {@code
   * a.b.C.D}, or the nested {@code a.b.C$D}, or {@code a.b$C$D}.
   */
  static List<String> binaryCandidates(String canonical) {
    List<String> names = new ArrayList<>();
    names.add(canonical);
    String name = canonical;
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      names.add(name);
    }
    return names;
  }
}
