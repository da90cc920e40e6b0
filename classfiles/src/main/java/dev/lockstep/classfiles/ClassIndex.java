package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The classes the class-file front end has read, each read once: library classes whole (bodies
 * included) from the {@link ClassSource}, JDK classes without code from the running JDK, only for
 * the type hierarchy and the methods' modifiers. Not thread-safe, as one compilation's summaries
 * are not.
 */
final class ClassIndex {
  /**
   * A class as read, without code (the hierarchy, the methods' descriptors and modifiers), and
   * where it came from; {@code container} is empty for the JDK's. A library class keeps its bytes
   * for {@link #withCode}: most classes a query touches are only looked up, few have a body read.
   */
  static final class Read {
    private final ClassNode node;
    private final String container;
    private final Supplier<Optional<byte[]>> bytes;
    private ClassNode withCode;

    /**
     * @param bytes the class file, asked for when its code is first needed; null for the JDK's
     */
    Read(ClassNode node, String container, Supplier<Optional<byte[]>> bytes) {
      this.node = node;
      this.container = container;
      this.bytes = bytes;
    }

    ClassNode node() {
      return node;
    }

    String container() {
      return container;
    }

    boolean library() {
      return !container.isEmpty();
    }

    /** The class with its methods' code, read on first use; the JDK's have none. */
    ClassNode withCode() {
      if (withCode == null) {
        Optional<byte[]> file = bytes == null ? Optional.empty() : bytes.get();
        if (file.isEmpty()) {
          withCode = node; // no code to read: its methods have no body
        } else {
          ClassNode full = new ClassNode();
          new ClassReader(file.orElseThrow()).accept(full, ClassReader.SKIP_FRAMES);
          withCode = full;
        }
      }
      return withCode;
    }
  }

  private final ClassSource source;
  private final ClassTableCache tables;
  private int headersParsed;
  private final Map<String, Optional<Read>> classes = new HashMap<>();
  private final Map<String, Optional<String>> canonicalToBinary = new HashMap<>();
  private final Map<String, Set<String>> supertypes = new HashMap<>();
  private final Map<String, Optional<Found>> resolved = new HashMap<>();

  ClassIndex(ClassSource source, ClassTableCache tables) {
    this.source = requireNonNull(source, "source");
    this.tables = requireNonNull(tables, "tables");
  }

  /**
   * How many library class headers were parsed from class files, not taken from a jar's cached
   * {@link ClassTable}; for tests and statistics.
   */
  int headersParsed() {
    return headersParsed;
  }

  /** How many classes were read from the library classpath; for tests and statistics. */
  int libraryClassesRead() {
    return (int) classes.values().stream().filter(c -> c.map(Read::library).orElse(false)).count();
  }

  /** The class of this binary name ({@code a.b.C$D}): a library's, else the JDK's. */
  Optional<Read> byBinaryName(String binaryName) {
    Optional<Read> known = classes.get(binaryName);
    if (known == null) {
      known = load(binaryName);
      classes.put(binaryName, known);
    }
    return known;
  }

  /** The binary name of the library class a canonical name stands for, if the class path has it. */
  Optional<String> binaryName(String canonicalName) {
    return libraryClass(canonicalName).flatMap(read -> canonicalToBinary.get(canonicalName));
  }

  /** The library class a canonical (or, for anonymous classes, binary) name stands for. */
  Optional<Read> libraryClass(String canonicalName) {
    Optional<String> binary = canonicalToBinary.get(canonicalName);
    if (binary == null) {
      binary = Optional.empty();
      for (String candidate : ClassNames.binaryCandidates(canonicalName)) {
        if (byBinaryName(candidate).map(Read::library).orElse(false)) {
          binary = Optional.of(candidate);
          break;
        }
      }
      canonicalToBinary.put(canonicalName, binary);
    }
    return binary.flatMap(this::byBinaryName);
  }

  /**
   * Every supertype of the class (internal name), canonical, the class itself first; as far as the
   * classes can be read.
   */
  Set<String> selfAndSupertypes(String internalName) {
    Set<String> known = supertypes.get(internalName);
    if (known == null) {
      known = Set.copyOf(readSupertypes(internalName));
      supertypes.put(internalName, known);
    }
    return known;
  }

  private Set<String> readSupertypes(String internalName) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(internalName);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name)) {
        continue;
      }
      Optional<Read> read = byBinaryName(name.replace('/', '.'));
      if (read.isPresent()) {
        ClassNode node = read.orElseThrow().node();
        if (node.superName != null) {
          todo.add(node.superName);
        }
        todo.addAll(node.interfaces);
      }
    }
    Set<String> canonical = new LinkedHashSet<>();
    for (String name : seen) {
      canonical.add(ClassNames.canonical(name));
    }
    return canonical;
  }

  /** A method found in a class: its declaring class (internal name) and the method. */
  record Found(String owner, MethodNode method) {}

  /**
   * The method an instruction on {@code owner} calls: declared there or inherited, superclasses
   * first, then interfaces (default and abstract methods); empty when no class on the way can be
   * read.
   */
  Optional<Found> resolve(String owner, String name, String descriptor) {
    String key = owner + '.' + name + descriptor;
    Optional<Found> known = resolved.get(key);
    if (known == null) {
      known = readResolve(owner, name, descriptor);
      resolved.put(key, known);
    }
    return known;
  }

  private Optional<Found> readResolve(String owner, String name, String descriptor) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(owner);
    while (!todo.isEmpty()) {
      String cls = todo.poll();
      if (!seen.add(cls)) {
        continue;
      }
      Optional<Read> read = byBinaryName(cls.replace('/', '.'));
      if (read.isEmpty()) {
        continue;
      }
      ClassNode node = read.orElseThrow().node();
      for (MethodNode m : node.methods) {
        if (m.name.equals(name)
            && m.desc.equals(descriptor)
            && (m.access & Opcodes.ACC_BRIDGE) == 0) {
          return Optional.of(new Found(cls, m));
        }
      }
      // Superclasses before interfaces: a class's method wins over a default method.
      if (node.superName != null) {
        todo.addFirst(node.superName);
      }
      todo.addAll(node.interfaces);
    }
    return Optional.empty();
  }

  /** A class's place in the hierarchy, read from its header only. */
  private record Header(String superName, List<String> interfaces, boolean concrete) {}

  /** The classes of one jar or directory: their headers, and each type's direct subtypes. */
  private record Container(Map<String, Header> headers, Map<String, List<String>> subtypes) {}

  private final Map<String, Container> containers = new HashMap<>();

  /**
   * The only concrete method an abstract method (of an interface or abstract class) runs, among the
   * classes of the jar or directory that declares it: the RPC layer's {@code Client} whose one
   * implementation is {@code RpcClient}. Empty when there are none or several (implementations in
   * other jars or in the sources are not seen: the rule is "the only one beside it").
   */
  Optional<Found> onlyImplementation(Read declaring, MethodNode method) {
    String owner = declaring.node().name;
    Container container = containers.computeIfAbsent(declaring.container(), c -> container(owner));
    Set<String> subtypes = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(owner));
    while (!todo.isEmpty()) {
      String type = todo.poll();
      if (subtypes.add(type)) {
        todo.addAll(container.subtypes().getOrDefault(type, List.of()));
      }
    }
    Set<Found> concrete = new LinkedHashSet<>();
    for (String type : subtypes) {
      Header h = container.headers().get(type);
      if (h == null || !h.concrete()) {
        continue;
      }
      Optional<Found> runs = resolve(type, method.name, method.desc);
      if (runs.isPresent() && (runs.orElseThrow().method().access & Opcodes.ACC_ABSTRACT) == 0) {
        concrete.add(runs.orElseThrow());
      }
      if (concrete.size() > 1) {
        return Optional.empty();
      }
    }
    return concrete.stream().findFirst();
  }

  private Container container(String internalName) {
    Map<String, Header> headers = headers(internalName);
    Map<String, List<String>> subtypes = new HashMap<>();
    for (var e : headers.entrySet()) {
      Header h = e.getValue();
      if (h.superName() != null) {
        subtypes.computeIfAbsent(h.superName(), k -> new java.util.ArrayList<>()).add(e.getKey());
      }
      for (String i : h.interfaces()) {
        subtypes.computeIfAbsent(i, k -> new java.util.ArrayList<>()).add(e.getKey());
      }
    }
    return new Container(headers, subtypes);
  }

  /**
   * The most classes a jar may have for its implementations to be looked for: every class is read
   * once for its header, which is what an RPC module costs (hundreds), not a platform (Scala's
   * library, a framework's core: thousands, and interfaces with many implementations anyway).
   */
  static final int MAX_CLASSES_SCANNED = 2_000;

  /**
   * The headers of every class beside {@code internalName}, by internal name: a jar's from its
   * {@link ClassTable} (cached per jar), a class directory's read here.
   */
  private Map<String, Header> headers(String internalName) {
    Map<String, Header> headers = new HashMap<>();
    Optional<ClassTable> table =
        source.jarOf(internalName.replace('/', '.')).flatMap(tables::table);
    if (table.isPresent()) {
      for (var e : table.orElseThrow().classes().entrySet()) {
        ClassTable.Header h = e.getValue();
        headers.put(
            e.getKey(),
            new Header(
                h.superName(),
                h.interfaces(),
                (h.access() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0));
      }
      return headers;
    }
    List<String> beside = source.classesBeside(internalName.replace('/', '.'));
    if (beside.size() > MAX_CLASSES_SCANNED) {
      return headers;
    }
    for (String name : beside) {
      try {
        Optional<ClassBytes> bytes = source.find(name);
        if (bytes.isEmpty()) {
          continue;
        }
        ClassReader header = new ClassReader(bytes.orElseThrow().bytes());
        headersParsed++;
        int access = header.getAccess();
        headers.put(
            header.getClassName(),
            new Header(
                header.getSuperName(),
                List.of(header.getInterfaces()),
                (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0));
      } catch (RuntimeException e) {
        // a class ASM cannot read: not an implementation we can follow
      }
    }
    return headers;
  }

  /** The method of this name and (analysis-spelled) parameter types declared in the class. */
  static Optional<MethodNode> declared(ClassNode cls, String name, List<String> paramTypes) {
    List<String> added = name.equals("<init>") ? addedConstructorParams(cls) : List.of();
    for (MethodNode m : cls.methods) {
      if (!m.name.equals(name) || (m.access & Opcodes.ACC_BRIDGE) != 0) {
        continue;
      }
      List<String> params = ClassNames.paramTypes(m.desc);
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
   * enclosing instance of an inner (non-static member) class, an enum's name and ordinal. The
   * analysis spells constructors as the source declares them.
   */
  private static List<String> addedConstructorParams(ClassNode cls) {
    if ((cls.access & Opcodes.ACC_ENUM) != 0) {
      return List.of("java.lang.String", "int");
    }
    for (var inner : cls.innerClasses) {
      if (inner.name.equals(cls.name)
          && inner.outerName != null
          && (inner.access & Opcodes.ACC_STATIC) == 0
          && (cls.access & Opcodes.ACC_INTERFACE) == 0) {
        return List.of(ClassNames.canonical(inner.outerName));
      }
    }
    return List.of();
  }

  private Optional<Read> load(String binaryName) {
    try {
      if (binaryName.startsWith("java.")) {
        return jdk(binaryName); // never a library's, even when a jar repackages it
      }
      Optional<Read> tabled = fromTable(binaryName);
      if (tabled.isPresent()) {
        return tabled;
      }
      Optional<ClassBytes> library = source.find(binaryName);
      if (library.isPresent()) {
        byte[] bytes = library.orElseThrow().bytes();
        ClassNode node = new ClassNode();
        new ClassReader(bytes)
            .accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        headersParsed++;
        Optional<byte[]> file = Optional.of(bytes);
        return Optional.of(new Read(node, library.orElseThrow().container(), () -> file));
      }
      return jdk(binaryName);
    } catch (RuntimeException e) {
      return Optional.empty(); // a class ASM cannot read (a newer format): as if absent
    }
  }

  /**
   * A library class from its jar's table, when the table is known (this run or the disk cache has
   * it): no class file is opened until its code is needed. Tables are built only where a jar is
   * scanned whole anyway ({@link #headers}), so a first build reads no more than before.
   */
  private Optional<Read> fromTable(String binaryName) {
    Optional<Path> jar = source.jarOf(binaryName);
    if (jar.isEmpty()) {
      return Optional.empty();
    }
    String internalName = binaryName.replace('.', '/');
    Optional<ClassTable.Header> header =
        tables.ifKnown(jar.orElseThrow()).flatMap(t -> t.header(internalName));
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Path file = jar.orElseThrow().getFileName();
    String container = file == null ? jar.orElseThrow().toString() : file.toString();
    return Optional.of(
        new Read(
            ClassTable.node(internalName, header.orElseThrow()),
            container,
            () -> source.find(binaryName).map(ClassBytes::bytes)));
  }

  /** A JDK class, without code: the hierarchy and the methods' modifiers are all it is read for. */
  private static Optional<Read> jdk(String binaryName) {
    if (!isJdk(binaryName)) {
      return Optional.empty();
    }
    try (InputStream in =
        ClassLoader.getSystemResourceAsStream(binaryName.replace('.', '/') + ".class")) {
      if (in == null) {
        return Optional.empty();
      }
      ClassNode node = new ClassNode();
      new ClassReader(in.readAllBytes())
          .accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return Optional.of(new Read(node, "", null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The JDK's packages: never read from the classpath, even when a jar repackages them. */
  static boolean isJdk(String binaryName) {
    return binaryName.startsWith("java.")
        || binaryName.startsWith("javax.")
        || binaryName.startsWith("jdk.")
        || binaryName.startsWith("sun.")
        || binaryName.startsWith("com.sun.")
        || binaryName.startsWith("org.w3c.")
        || binaryName.startsWith("org.xml.");
  }
}
