package dev.lockstep.classfiles;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One jar's classes as the index reads them without code — each class's modifiers, superclass,
 * interfaces, inner-class entries and methods' names, descriptors and modifiers — by internal name.
 * A function of the jar's content alone (no other jar, no catalogue), which is what makes it the
 * unit {@link ClassTableCache} keeps on disk per jar. Method bodies are not in it: their facts
 * depend on the other jars (where a call resolves) and on the catalogue.
 */
record ClassTable(Map<String, Header> classes) {
  ClassTable {
    classes = Map.copyOf(classes);
  }

  /** A class's header: what {@link ClassReader#SKIP_CODE} reads. */
  record Header(
      int access,
      String superName,
      List<String> interfaces,
      List<Inner> inners,
      List<Method> methods) {
    Header {
      interfaces = List.copyOf(interfaces);
      inners = List.copyOf(inners);
      methods = List.copyOf(methods);
    }
  }

  /** An {@code InnerClasses} entry (constructors of inner classes take their outer instance). */
  record Inner(String name, String outerName, String innerName, int access) {}

  /** A method without its code. */
  record Method(int access, String name, String descriptor) {}

  /** The header of a class file, as {@link ClassIndex} would read it. */
  static Header header(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile)
        .accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    List<Inner> inners = new ArrayList<>();
    for (InnerClassNode i : node.innerClasses) {
      inners.add(new Inner(i.name, i.outerName, i.innerName, i.access));
    }
    List<Method> methods = new ArrayList<>();
    for (MethodNode m : node.methods) {
      methods.add(new Method(m.access, m.name, m.desc));
    }
    return new Header(node.access, node.superName, node.interfaces, inners, methods);
  }

  /** The class as a code-less {@link ClassNode}, as {@link ClassIndex} reads it from bytes. */
  static ClassNode node(String internalName, Header header) {
    ClassNode node = new ClassNode();
    node.name = internalName;
    node.access = header.access();
    node.superName = header.superName();
    node.interfaces = new ArrayList<>(header.interfaces());
    for (Inner i : header.inners()) {
      node.innerClasses.add(new InnerClassNode(i.name(), i.outerName(), i.innerName(), i.access()));
    }
    for (Method m : header.methods()) {
      node.methods.add(new MethodNode(m.access(), m.name(), m.descriptor(), null, null));
    }
    return node;
  }

  Optional<Header> header(String internalName) {
    return Optional.ofNullable(classes.get(internalName));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(classes.size());
    for (var e : classes.entrySet()) {
      Header h = e.getValue();
      out.writeUTF(e.getKey());
      out.writeInt(h.access());
      writeNullable(out, h.superName());
      out.writeInt(h.interfaces().size());
      for (String i : h.interfaces()) {
        out.writeUTF(i);
      }
      out.writeInt(h.inners().size());
      for (Inner i : h.inners()) {
        out.writeUTF(i.name());
        writeNullable(out, i.outerName());
        writeNullable(out, i.innerName());
        out.writeInt(i.access());
      }
      out.writeInt(h.methods().size());
      for (Method m : h.methods()) {
        out.writeInt(m.access());
        out.writeUTF(m.name());
        out.writeUTF(m.descriptor());
      }
    }
  }

  /** The table {@link #write} wrote; an {@link IOException} on anything else. */
  static ClassTable read(DataInputStream in) throws IOException {
    int count = count(in);
    Map<String, Header> classes = new LinkedHashMap<>();
    for (int c = 0; c < count; c++) {
      String name = in.readUTF();
      int access = in.readInt();
      String superName = readNullable(in);
      int interfaceCount = count(in);
      List<String> interfaces = new ArrayList<>(interfaceCount);
      for (int i = 0; i < interfaceCount; i++) {
        interfaces.add(in.readUTF());
      }
      int innerCount = count(in);
      List<Inner> inners = new ArrayList<>(innerCount);
      for (int i = 0; i < innerCount; i++) {
        inners.add(new Inner(in.readUTF(), readNullable(in), readNullable(in), in.readInt()));
      }
      int methodCount = count(in);
      List<Method> methods = new ArrayList<>(methodCount);
      for (int m = 0; m < methodCount; m++) {
        methods.add(new Method(in.readInt(), in.readUTF(), in.readUTF()));
      }
      classes.put(name, new Header(access, superName, interfaces, inners, methods));
    }
    return new ClassTable(classes);
  }

  /** A count, checked: a corrupt file must not make us allocate gigabytes. */
  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
