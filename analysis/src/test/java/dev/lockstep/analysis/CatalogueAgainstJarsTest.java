package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.base.Splitter;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.GeneratedStubs;
import dev.lockstep.analysis.facts.MethodRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every entry of the built-in wait catalogue names a type and a method that exist in the real
 * library: the jars (copied into {@code target/catalogue-jars} by the build, several versions of
 * one artifact where an entry names an older overload) and the JDK are read with ASM, supertypes
 * included. A misspelt owner, method or parameter list would silently never match; here it fails.
 */
final class CatalogueAgainstJarsTest {
  private static final Path JARS = Path.of("target", "catalogue-jars");

  /** A method as a class file declares it: name and erased parameter types, canonical names. */
  record Declared(String name, List<String> params) {}

  /** One version of a class: its methods and its supertypes (internal names). */
  record ClassFile(List<Declared> methods, List<String> supertypes) {}

  private static final List<JarFile> jars = new ArrayList<>();
  private static final Map<String, List<ClassFile>> classes = new HashMap<>();

  @BeforeAll
  static void openJars() throws IOException {
    assertWithMessage("the build copies the catalogue's jars to %s", JARS.toAbsolutePath())
        .that(Files.isDirectory(JARS))
        .isTrue();
    try (Stream<Path> files = Files.list(JARS)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(new JarFile(jar.toFile()));
      }
    }
  }

  @AfterAll
  static void closeJars() throws IOException {
    for (JarFile jar : jars) {
      jar.close();
    }
  }

  @Test
  void everyEntryNamesATypeAndMethodThatExist() {
    List<String> problems = new ArrayList<>();
    List<CatalogueEntry> entries = Catalogue.builtin().entries();
    for (CatalogueEntry entry : entries) {
      if (GENERATED.contains(entry.owner())) {
        continue; // not a class: protobufBlockingInterfacesCallTheChannel reads what it stands for
      }
      List<String> internalNames = internalNames(entry.owner());
      if (internalNames.isEmpty()) {
        problems.add(entry.source() + ": no class " + entry.owner() + " in the JDK or the jars");
        continue;
      }
      Set<Declared> methods = new HashSet<>();
      for (String internal : internalNames) {
        collectMethods(internal, methods, new HashSet<>());
      }
      if (methods.stream().noneMatch(m -> matches(entry, m))) {
        problems.add(
            entry.source()
                + ": "
                + entry.owner()
                + " has no method "
                + entry.name()
                + entry.params().map(p -> "(" + String.join(",", p) + ")").orElse(""));
      }
    }
    assertWithMessage("entries checked: %s", entries.size()).that(entries.size()).isAtLeast(150);
    assertWithMessage("catalogue entries that match nothing").that(problems).isEmpty();
  }

  /**
   * A {@code [server: n]} entry: every method of the real library it matches has an {@code n}-th
   * parameter, and it is of one type across them (the server's address: BookKeeper's {@code
   * BookieId}), so that "the item is the server" reads the same argument whatever overload is
   * called.
   */
  @Test
  void serverParametersNameTheSameAddressInEveryOverload() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (CatalogueEntry entry : Catalogue.builtin().entries()) {
      if (entry.serverParam() == 0) {
        continue;
      }
      checked++;
      Set<Declared> methods = new HashSet<>();
      for (String internal : internalNames(entry.owner())) {
        collectMethods(internal, methods, new HashSet<>());
      }
      Set<String> types = new HashSet<>();
      for (Declared m : methods) {
        if (matches(entry, m)) {
          types.add(
              m.params().size() >= entry.serverParam()
                  ? m.params().get(entry.serverParam() - 1)
                  : "(no parameter " + entry.serverParam() + ")");
        }
      }
      if (types.size() != 1 || !types.iterator().next().endsWith(".BookieId")) {
        problems.add(entry.source() + ": " + entry.owner() + "." + entry.name() + " " + types);
      }
    }
    assertWithMessage("[server: n] entries").that(checked).isAtLeast(3);
    assertWithMessage("[server: n] entries whose parameter is not one address type")
        .that(problems)
        .isEmpty();
  }

  /** The names {@link GeneratedStubs} gives generated stubs: in the catalogue, not in any jar. */
  private static final Set<String> GENERATED =
      Set.copyOf(GeneratedStubs.PROTOBUF_SERVICES.stream().map(GeneratedStubs::owner).toList());

  /**
   * What {@code Service.BlockingInterface} stands for, read off HBase's generated services (the
   * unshaded {@code hbase-protocol} and the shaded {@code hbase-protocol-shaded}): the service
   * class implements protobuf's {@code Service}, its {@code BlockingInterface} is an interface that
   * {@link GeneratedStubs#knownAs} names so, every one of its methods is implemented by the
   * generated {@code BlockingStub} with a call of {@code BlockingRpcChannel.callBlockingMethod}
   * (the catalogue's round trip), and no other class of the jar implements it.
   */
  @Test
  void protobufBlockingInterfacesCallTheChannel() throws IOException {
    assertThat(GENERATED).hasSize(2);
    for (String catalogued : GENERATED) {
      assertWithMessage("%s has an entry", catalogued)
          .that(Catalogue.builtin().entries().stream().anyMatch(e -> e.owner().equals(catalogued)))
          .isTrue();
    }
    int checked = 0;
    for (String[] generated :
        List.of(
            new String[] {
              "org/apache/hadoop/hbase/protobuf/generated/AdminProtos$AdminService",
              "com.google.protobuf.Service",
              "com/google/protobuf/BlockingRpcChannel"
            },
            new String[] {
              "org/apache/hadoop/hbase/shaded/protobuf/generated/MasterProtos$MasterService",
              "org.apache.hbase.thirdparty.com.google.protobuf.Service",
              "org/apache/hbase/thirdparty/com/google/protobuf/BlockingRpcChannel"
            },
            new String[] {
              "org/apache/hadoop/hbase/shaded/protobuf/generated/ClientProtos$ClientService",
              "org.apache.hbase.thirdparty.com.google.protobuf.Service",
              "org/apache/hbase/thirdparty/com/google/protobuf/BlockingRpcChannel"
            })) {
      String service = generated[0];
      String blocking = service + "$BlockingInterface";
      Set<String> closure = new HashSet<>();
      collectSupertypes(service, closure);
      assertWithMessage("%s's supertypes", service)
          .that(closure)
          .contains(generated[1].replace('.', '/'));
      String canonical = blocking.replace('/', '.').replace('$', '.');
      assertWithMessage("the catalogue name of %s", canonical)
          .that(
              GeneratedStubs.knownAs(
                  canonical,
                  true,
                  s -> {
                    Set<String> names = new HashSet<>();
                    closure.forEach(n -> names.add(n.replace('/', '.').replace('$', '.')));
                    return names;
                  }))
          .hasValue(generated[1] + ".BlockingInterface");
      assertWithMessage("a class implementing it is not a stub")
          .that(GeneratedStubs.knownAs(canonical, false, s -> Set.of(generated[1])))
          .isEmpty();
      Map<String, Set<String>> calls = calls(service + "$BlockingStub");
      List<Declared> rpcs = versions(blocking).get(0).methods();
      assertWithMessage("%s's methods", blocking).that(rpcs).isNotEmpty();
      for (Declared rpc : rpcs) {
        assertWithMessage("what BlockingStub.%s calls", rpc.name())
            .that(calls.get(rpc.name()))
            .contains(generated[2] + ".callBlockingMethod");
        checked++;
      }
      List<String> implementations = implementationsOf(blocking);
      assertWithMessage("the classes implementing %s", blocking)
          .that(implementations)
          .containsExactly(service + "$BlockingStub");
    }
    assertWithMessage("RPCs checked").that(checked).isAtLeast(100);
  }

  private static void collectSupertypes(String internal, Set<String> into) {
    for (ClassFile version : versions(internal)) {
      for (String supertype : version.supertypes()) {
        if (into.add(supertype)) {
          collectSupertypes(supertype, into);
        }
      }
    }
  }

  /** For each method of a class: the methods it calls, {@code owner.name} (internal owner). */
  private static Map<String, Set<String>> calls(String internal) throws IOException {
    Map<String, Set<String>> calls = new HashMap<>();
    for (JarFile jar : jars) {
      JarEntry entry = jar.getJarEntry(internal + ".class");
      if (entry == null) {
        continue;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        new ClassReader(in.readAllBytes())
            .accept(
                new ClassVisitor(Opcodes.ASM9) {
                  @Override
                  public MethodVisitor visitMethod(
                      int access, String name, String descriptor, String signature, String[] ex) {
                    Set<String> called = calls.computeIfAbsent(name, n -> new HashSet<>());
                    return new MethodVisitor(Opcodes.ASM9) {
                      @Override
                      public void visitMethodInsn(
                          int opcode, String owner, String method, String desc, boolean itf) {
                        called.add(owner + "." + method);
                      }
                    };
                  }
                },
                ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      }
    }
    return calls;
  }

  /** The classes of the jar holding {@code internal} that implement it directly. */
  private static List<String> implementationsOf(String internal) throws IOException {
    List<String> found = new ArrayList<>();
    for (JarFile jar : jars) {
      if (jar.getJarEntry(internal + ".class") == null) {
        continue;
      }
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        String name = entry.getName();
        if (!name.endsWith(".class")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          String[] interfaces = new ClassReader(in.readAllBytes()).getInterfaces();
          if (Arrays.asList(interfaces).contains(internal)) {
            found.add(name.substring(0, name.length() - ".class".length()));
          }
        }
      }
    }
    return found;
  }

  /** The check itself can fail: a misspelt method and an unknown type are caught. */
  @Test
  void aMisspeltEntryIsCaught() {
    CatalogueEntry misspelt =
        Catalogue.parse(
                "t.tsv",
                new java.io.StringReader(
                    "org.apache.kafka.clients.consumer.Consumer commited * latency x\n"))
            .entries()
            .get(0);
    Set<Declared> methods = new HashSet<>();
    collectMethods(internalNames(misspelt.owner()).get(0), methods, new HashSet<>());
    assertWithMessage("Consumer's methods").that(methods).isNotEmpty();
    assertWithMessage("'commited' matches")
        .that(methods.stream().anyMatch(m -> matches(misspelt, m)))
        .isFalse();
    assertWithMessage("a type that exists nowhere")
        .that(internalNames("org.example.NoSuchClient"))
        .isEmpty();
  }

  private static boolean matches(CatalogueEntry entry, Declared method) {
    String name = entry.name();
    boolean nameMatches =
        name.equals("*")
            ? !method.name().equals(MethodRef.CONSTRUCTOR) && !method.name().equals("<clinit>")
            : name.endsWith("*")
                ? method.name().startsWith(name.substring(0, name.length() - 1))
                : method.name().equals(name);
    return nameMatches && entry.params().map(p -> p.equals(method.params())).orElse(true);
  }

  /**
   * The internal names an owner's canonical name may stand for ({@code a.b.Outer.Inner} is {@code
   * a/b/Outer$Inner}), those that exist.
   */
  private static List<String> internalNames(String canonical) {
    List<String> found = new ArrayList<>();
    List<String> parts = Splitter.on('.').splitToList(canonical);
    for (int nested = 0; nested < parts.size() - 1; nested++) {
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          name.append(i >= parts.size() - nested ? '$' : '/');
        }
        name.append(parts.get(i));
      }
      if (!versions(name.toString()).isEmpty()) {
        found.add(name.toString());
      }
    }
    return found;
  }

  private static void collectMethods(String internal, Set<Declared> into, Set<String> seen) {
    if (!seen.add(internal)) {
      return;
    }
    for (ClassFile version : versions(internal)) {
      into.addAll(version.methods());
      for (String supertype : version.supertypes()) {
        collectMethods(supertype, into, seen);
      }
    }
  }

  private static List<ClassFile> versions(String internal) {
    return classes.computeIfAbsent(internal, CatalogueAgainstJarsTest::read);
  }

  private static List<ClassFile> read(String internal) {
    List<ClassFile> out = new ArrayList<>();
    try {
      for (JarFile jar : jars) {
        JarEntry entry = jar.getJarEntry(internal + ".class");
        if (entry != null) {
          try (InputStream in = jar.getInputStream(entry)) {
            out.add(parse(in.readAllBytes()));
          }
        }
      }
      if (out.isEmpty()) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internal + ".class")) {
          if (in != null) {
            out.add(parse(in.readAllBytes()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static ClassFile parse(byte[] bytes) {
    List<Declared> methods = new ArrayList<>();
    List<String> supertypes = new ArrayList<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visit(
                  int version,
                  int access,
                  String name,
                  String signature,
                  String superName,
                  String[] interfaces) {
                if (superName != null) {
                  supertypes.add(superName);
                }
                if (interfaces != null) {
                  supertypes.addAll(Arrays.asList(interfaces));
                }
              }

              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                List<String> params = new ArrayList<>();
                for (Type t : Type.getArgumentTypes(descriptor)) {
                  params.add(t.getClassName().replace('$', '.'));
                }
                methods.add(new Declared(name, params));
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassFile(methods, supertypes);
  }
}
