package dev.lockstep.classfiles;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.util.concurrent.AbstractFuture;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** Library facts kept per class path: a warm build reads no class file, a changed input none. */
class LibraryFactsCacheTest {
  private static final Map<String, String> RPC =
      Map.of(
          "acme/RpcClient.java", ClassFileFactsTest.RPC,
          "acme/Api.java", ClassFileFactsTest.API,
          "acme/Shape.java", ClassFileFactsTest.SHAPES,
          "acme/Square.java", ClassFileFactsTest.SQUARE);

  private static final List<MethodRef> ASKED =
      List.of(
          MethodRef.parse("acme.Api#call(java.lang.String)"),
          MethodRef.parse("acme.RpcClient#call(java.lang.String)"),
          MethodRef.parse("acme.RpcClient#maybe(java.lang.String,boolean)"),
          MethodRef.parse("acme.RpcClient#locked(java.lang.String)"),
          MethodRef.parse("acme.Shape#area()"),
          MethodRef.parse("acme.Missing#nowhere()"));

  @TempDir Path dir;

  private static ClassFileFacts facts(ClassSource source, Path cache, Catalogue catalogue) {
    return new ClassFileFacts(
        source,
        catalogue,
        6,
        new ClassTableCache(Optional.empty()),
        new LibraryFactsCache(Optional.of(cache)));
  }

  private static Map<MethodRef, Optional<MethodFacts>> ask(ClassFileFacts facts) {
    Map<MethodRef, Optional<MethodFacts>> answers = new LinkedHashMap<>();
    for (MethodRef m : ASKED) {
      answers.put(m, facts.factsFor(m));
    }
    return answers;
  }

  private static List<Path> files(Path cache) throws IOException {
    Path facts = cache.resolve("facts");
    if (!Files.isDirectory(facts)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(facts)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theSecondBuildReadsNoClassFile() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));

    ClassFileFacts first = facts(source, cache, Catalogue.builtin());
    Map<MethodRef, Optional<MethodFacts>> cold = ask(first);
    assertThat(cold.get(ASKED.get(1))).isPresent();
    assertThat(first.classesRead()).isGreaterThan(0);
    assertThat(first.save()).isTrue();
    assertThat(files(cache)).hasSize(1);

    ClassFileFacts second = facts(source, cache, Catalogue.builtin());
    // A record is decoded when its method is asked, not when the file is loaded.
    assertThat(second.factsFor(ASKED.get(1))).isEqualTo(cold.get(ASKED.get(1)));
    assertThat(second.keptStats().recordsDecoded()).isEqualTo(1);
    assertThat(ask(second)).isEqualTo(cold);
    assertThat(second.keptStats().recordsDecoded()).isEqualTo(ASKED.size() - 1);
    assertThat(second.classesRead()).isEqualTo(0);
    // Every method a class-path class has, absent or not; never the class nobody has.
    assertThat(second.keptStats().methodsFromDisk()).isEqualTo(ASKED.size() - 1);
    // Nothing new read (the missing class is looked for again, and not kept): the file stays.
    assertThat(second.save()).isFalse();

    // A method the first build did not ask is read, and the file then holds it too.
    MethodRef square = MethodRef.parse("acme.Square#area()");
    assertThat(second.factsFor(square)).isPresent();
    assertThat(second.classesRead()).isGreaterThan(0);
    assertThat(second.save()).isTrue();
    ClassFileFacts third = facts(source, cache, Catalogue.builtin());
    assertThat(third.factsFor(square)).isEqualTo(second.factsFor(square));
    assertThat(third.classesRead()).isEqualTo(0);
  }

  private static ClassFileFacts facts(ClassSource source, Path cache, int maxDepth) {
    return new ClassFileFacts(
        source,
        Catalogue.builtin(),
        maxDepth,
        new ClassTableCache(Optional.empty()),
        new LibraryFactsCache(Optional.of(cache)));
  }

  @Test
  void answersAreKeptPerClassPathAndDepth() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));
    MethodRef call = ASKED.get(1);
    MethodRef missing = ASKED.get(5);
    int[] asked = new int[1];

    ClassFileFacts first = facts(source, cache, 6);
    assertThat(first.answer(call, "mayWait [LATENCY]", () -> ++asked[0] > 0)).isTrue();
    assertThat(first.answer(call, "mayWait [AWAIT]", () -> ++asked[0] < 0)).isFalse();
    assertThat(first.answer(call, "mayWait [LATENCY]", () -> ++asked[0] < 0)).isTrue(); // kept
    assertThat(first.answer(missing, "mayWait [LATENCY]", () -> ++asked[0] > 0)).isTrue();
    assertThat(asked[0]).isEqualTo(3);
    assertThat(first.save()).isTrue();

    // The next build with this class path and depth: both answers from the disk, none asked;
    // the class no root has is asked again (the sources may declare it).
    ClassFileFacts second = facts(source, cache, 6);
    assertThat(second.answer(call, "mayWait [LATENCY]", () -> ++asked[0] < 0)).isTrue();
    assertThat(second.answer(call, "mayWait [AWAIT]", () -> ++asked[0] > 0)).isFalse();
    assertThat(asked[0]).isEqualTo(3);
    assertThat(second.keptStats().answersFromDisk()).isEqualTo(2);
    assertThat(second.answer(missing, "mayWait [LATENCY]", () -> ++asked[0] < 0)).isFalse();
    assertThat(asked[0]).isEqualTo(4);
    assertThat(second.save()).isFalse(); // nothing new to keep

    // Another depth of the summaries (the facts' key unchanged: the rule looks 3 bodies down at
    // depths 5 and 6 alike) asks again.
    ClassFileFacts deeper = facts(source, cache, 5);
    assertThat(deeper.answer(call, "mayWait [LATENCY]", () -> ++asked[0] < 0)).isFalse();
    assertThat(asked[0]).isEqualTo(5);
    assertThat(deeper.keptStats().answersFromDisk()).isEqualTo(0);
  }

  /**
   * An answer found while doing other work (the summaries found a library method wait-free) is kept
   * like an asked one, and looked up without ever being asked (ADR 0029).
   */
  @Test
  void answersFoundWhileReadingAreKept() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));
    MethodRef call = ASKED.get(1);
    MethodRef missing = ASKED.get(5);

    ClassFileFacts first = facts(source, cache, 6);
    assertThat(first.answeredYes(call, "waitFree 3")).isFalse();
    first.keepAnswer(call, "waitFree 3", true);
    first.keepAnswer(missing, "waitFree 3", true); // no root has its class: not kept
    assertThat(first.answeredYes(call, "waitFree 3")).isTrue();
    assertThat(first.answeredYes(missing, "waitFree 3")).isFalse();
    assertThat(first.save()).isTrue();

    ClassFileFacts second = facts(source, cache, 6);
    assertThat(second.answeredYes(call, "waitFree 3")).isTrue();
    assertThat(second.answeredYes(call, "waitFree 4")).isFalse();
    second.keepAnswer(call, "waitFree 3", true);
    assertThat(second.save()).isFalse(); // the same answer again: nothing new to keep
    second.keepAnswer(call, "waitFree 4", true);
    assertThat(second.save()).isTrue();
  }

  @Test
  void aDamagedAnswersFileIsAskedAgainAndWrittenOver() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));
    MethodRef call = ASKED.get(1);
    ClassFileFacts first = facts(source, cache, 6);
    first.answer(call, "mayWait [LATENCY]", () -> true);
    assertThat(first.save()).isTrue();
    Path answers;
    try (Stream<Path> files = Files.list(cache.resolve("facts"))) {
      answers = files.filter(f -> f.toString().endsWith(".answers")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(answers);
    bytes[bytes.length - 2] ^= 0x5a;
    Files.write(answers, bytes);

    ClassFileFacts second = facts(source, cache, 6);
    int[] asked = new int[1];
    assertThat(second.answer(call, "mayWait [LATENCY]", () -> ++asked[0] > 0)).isTrue();
    assertThat(asked[0]).isEqualTo(1);
    assertThat(second.keptStats().rejected()).isEqualTo(1);
    assertThat(second.save()).isTrue();
    assertThat(facts(source, cache, 6).answer(call, "mayWait [LATENCY]", () -> false)).isTrue();
  }

  @Test
  void aChangedJarCatalogueOrDepthIsAnotherKey() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Catalogue builtin = Catalogue.builtin();
    String key = LibraryFactsCache.key(List.of(jar), builtin, 3).orElseThrow();
    assertThat(key).hasLength(64);
    assertThat(LibraryFactsCache.key(List.of(jar), builtin, 3)).hasValue(key);
    assertThat(LibraryFactsCache.key(List.of(jar), builtin, 2)).isNotEqualTo(Optional.of(key));
    Catalogue more =
        builtin.plus(
            Catalogue.parse(
                "user", new StringReader("acme.RpcClient maybe * latency RpcClient.maybe\n")));
    assertThat(LibraryFactsCache.key(List.of(jar), more, 3)).isNotEqualTo(Optional.of(key));
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
    assertThat(LibraryFactsCache.key(List.of(jar), builtin, 3)).isNotEqualTo(Optional.of(key));

    // A class directory is keyed by its class files: one more changes the key.
    Path classes = Files.createDirectories(dir.resolve("classes/acme"));
    Files.write(classes.resolve("A.class"), new byte[] {1});
    String before =
        LibraryFactsCache.key(List.of(dir.resolve("classes")), builtin, 3).orElseThrow();
    Files.write(classes.resolve("B.class"), new byte[] {2});
    assertThat(LibraryFactsCache.key(List.of(dir.resolve("classes")), builtin, 3))
        .isNotEqualTo(Optional.of(before));
  }

  @Test
  void aChangedJarIsReadAgain() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));
    ClassFileFacts first = facts(source, cache, Catalogue.builtin());
    ask(first);
    assertThat(first.save()).isTrue();

    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
    ClassFileFacts next = facts(source, cache, Catalogue.builtin());
    ask(next);
    assertThat(next.keptStats().methodsFromDisk()).isEqualTo(0);
    assertThat(next.classesRead()).isGreaterThan(0);
  }

  @Test
  void aDamagedFileIsIgnoredAndWrittenAgain() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    ClassSource source = new ClassPathRoots(List.of(jar));
    ClassFileFacts first = facts(source, cache, Catalogue.builtin());
    Map<MethodRef, Optional<MethodFacts>> expected = ask(first);
    first.save();
    Path file = files(cache).get(0);
    byte[] bytes = Files.readAllBytes(file);

    for (byte[] damaged :
        List.of(
            new byte[0],
            java.util.Arrays.copyOf(bytes, bytes.length / 2),
            flipped(bytes, bytes.length - 20))) {
      Files.write(file, damaged);
      ClassFileFacts run = facts(source, cache, Catalogue.builtin());
      assertThat(ask(run)).isEqualTo(expected);
      assertThat(run.keptStats().rejected()).isEqualTo(1);
      assertThat(run.classesRead()).isGreaterThan(0);
      assertThat(run.save()).isTrue();
      assertThat(facts(source, cache, Catalogue.builtin()).keptStats().rejected()).isEqualTo(0);
    }
  }

  /**
   * The build's own output directory is rewritten by the build: its classes are never kept, while
   * the jars' are.
   */
  @Test
  void classesOfTheBuildsOwnOutputAreNotKept() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path output = Files.createDirectories(dir.resolve("target/classes"));
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry square = zip.getEntry("acme/Square.class");
      try (InputStream in = zip.getInputStream(square)) {
        // The same class under the directory: found there first, as javac would.
        Files.createDirectories(output.resolve("acme"));
        Files.write(output.resolve("acme/Square.class"), in.readAllBytes());
      }
    }
    ClassPathRoots roots = new ClassPathRoots(List.of(output, jar));
    ClassSource withoutOutput =
        new ClassSource() {
          @Override
          public Optional<ClassBytes> find(String binaryName) {
            return roots.find(binaryName);
          }

          @Override
          public Optional<Path> rootOf(String binaryName) {
            return roots.rootOf(binaryName);
          }

          @Override
          public Optional<List<Path>> classPath() {
            return Optional.of(List.of(jar.toAbsolutePath().normalize()));
          }
        };
    Path cache = dir.resolve("cache");
    MethodRef square = MethodRef.parse("acme.Square#area()");
    MethodRef call = MethodRef.parse("acme.RpcClient#call(java.lang.String)");
    ClassFileFacts first = facts(withoutOutput, cache, Catalogue.builtin());
    assertThat(first.factsFor(square)).isPresent();
    assertThat(first.factsFor(call)).isPresent();
    assertThat(first.save()).isTrue();

    ClassFileFacts second = facts(withoutOutput, cache, Catalogue.builtin());
    assertThat(second.keptStats().methodsFromDisk()).isEqualTo(0); // loads on the first ask
    assertThat(second.factsFor(call)).isEqualTo(first.factsFor(call));
    assertThat(second.keptStats().methodsFromDisk()).isEqualTo(1);
    assertThat(second.classesRead()).isEqualTo(0);
    assertThat(second.factsFor(square)).isPresent(); // from the directory's class file
    assertThat(second.classesRead()).isGreaterThan(0);
  }

  @Test
  void aSourceThatCannotListItsClassPathKeepsNothing() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    ClassPathRoots roots = new ClassPathRoots(List.of(jar));
    ClassSource unlisted = new ClassSource() { // finds classes, cannot list its roots
          @Override
          public Optional<ClassBytes> find(String binaryName) {
            return roots.find(binaryName);
          }
        };
    Path cache = dir.resolve("cache");
    ClassFileFacts run = facts(unlisted, cache, Catalogue.builtin());
    assertThat(run.factsFor(ASKED.get(1))).isPresent();
    assertThat(run.save()).isFalse();
    assertThat(files(cache)).isEmpty();
  }

  /**
   * Every component of the facts survives the bytes: the facts of real library code (Guava's
   * concurrency and I/O classes: locks, guards, waits, many call shapes) decode equal to what was
   * encoded. A component the codec leaves out fails here.
   */
  @Test
  void realLibraryFactsSurviveTheRoundTrip() throws IOException, URISyntaxException {
    Path guava =
        Path.of(AbstractFuture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ClassFileFacts facts =
        new ClassFileFacts(
            new ClassPathRoots(List.of(guava)),
            Catalogue.builtin(),
            6,
            new ClassTableCache(Optional.empty()));
    Map<MethodRef, Optional<MethodFacts>> read = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(guava.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String name = e.getName();
        if (!(name.startsWith("com/google/common/util/concurrent/")
                || name.startsWith("com/google/common/io/"))
            || !name.endsWith(".class")) {
          continue;
        }
        ClassNode node = new ClassNode();
        try (InputStream in = zip.getInputStream(e)) {
          new ClassReader(in).accept(node, ClassReader.SKIP_CODE);
        }
        for (MethodNode m : node.methods) {
          if ((m.access & Opcodes.ACC_SYNTHETIC) == 0) {
            MethodRef ref =
                new MethodRef(
                    ClassNames.canonical(node.name), m.name, ClassNames.paramTypes(m.desc));
            read.put(ref, facts.factsFor(ref));
          }
        }
      }
    }
    List<MethodFacts> present = read.values().stream().flatMap(Optional::stream).toList();
    assertThat(present.size()).isGreaterThan(1_000);
    // The sample holds what the codec must carry, not only the simple cases.
    assertThat(present.stream().anyMatch(f -> !f.lockRegions().isEmpty())).isTrue();
    assertThat(
            present.stream()
                .flatMap(f -> f.calls().stream())
                .anyMatch(c -> c.guard().kind() != Guard.Kind.ALWAYS))
        .isTrue();
    assertThat(read.values().stream().anyMatch(Optional::isEmpty)).isTrue();

    byte[] bytes = MethodFactsCodec.encode(read);
    assertThat(MethodFactsCodec.decode(bytes)).isEqualTo(read);
  }

  private static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x40;
    return copy;
  }
}
