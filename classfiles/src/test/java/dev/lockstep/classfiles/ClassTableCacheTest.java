package dev.lockstep.classfiles;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars' class tables on disk: read back by the next run, redone when the jar or file changes. */
class ClassTableCacheTest {
  private static final Map<String, String> RPC =
      Map.of(
          "acme/RpcClient.java", ClassFileFactsTest.RPC,
          "acme/Api.java", ClassFileFactsTest.API,
          "acme/Shape.java", ClassFileFactsTest.SHAPES,
          "acme/Square.java", ClassFileFactsTest.SQUARE);

  private static final MethodRef API_CALL = MethodRef.parse("acme.Api#call(java.lang.String)");

  @TempDir Path dir;

  private ClassFileFacts facts(Path jar, Path cache) {
    return new ClassFileFacts(
        new ClassPathRoots(List.of(jar)),
        Catalogue.builtin(),
        6,
        new ClassTableCache(Optional.of(cache)));
  }

  private static List<Path> tables(Path cache) throws IOException {
    Path tables = cache.resolve("classtables");
    if (!Files.isDirectory(tables)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tables)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theSecondRunReadsTheTableInsteadOfTheJarsClasses() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");

    ClassFileFacts first = facts(jar, cache);
    MethodFacts cold = first.factsFor(API_CALL).orElseThrow();
    assertThat(first.cacheStats()).isEqualTo(new ClassTableCache.Stats(0, 1, 1, 0));
    assertThat(first.headersParsed()).isGreaterThan(0);
    assertThat(tables(cache)).hasSize(1);
    assertThat(tables(cache).get(0).getFileName().toString()).endsWith(".table");

    ClassFileFacts second = facts(jar, cache);
    MethodFacts warm = second.factsFor(API_CALL).orElseThrow();
    assertThat(second.cacheStats()).isEqualTo(new ClassTableCache.Stats(1, 0, 0, 0));
    assertThat(second.headersParsed()).isEqualTo(0); // every header from the table
    assertThat(warm).isEqualTo(cold);
  }

  @Test
  void aChangedJarIsTabledAgain() throws IOException {
    Path cache = dir.resolve("cache");
    Path jar = CompiledLibrary.jar(dir.resolve("v1"), "acme-rpc.jar", RPC);
    assertThat(facts(jar, cache).factsFor(API_CALL)).isPresent();

    // The same file name with one more class: a new key, a new table; the old one is not read.
    Map<String, String> more = new java.util.HashMap<>(RPC);
    more.put("acme/Circle.java", ClassFileFactsTest.CIRCLE);
    Path changed = CompiledLibrary.jar(dir.resolve("v2"), "acme-rpc.jar", more);
    ClassFileFacts next = facts(changed, cache);
    assertThat(next.factsFor(API_CALL)).isPresent();
    assertThat(next.cacheStats()).isEqualTo(new ClassTableCache.Stats(0, 1, 1, 0));
    assertThat(tables(cache)).hasSize(2);
    // Shape now has two implementations in the jar: the new table is the one read.
    assertThat(next.factsFor(MethodRef.parse("acme.Shape#area()"))).isEmpty();
  }

  @Test
  void aDamagedTableIsIgnoredAndWrittenAgain() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    MethodFacts expected = facts(jar, cache).factsFor(API_CALL).orElseThrow();
    Path table = tables(cache).get(0);
    byte[] bytes = Files.readAllBytes(table);

    for (byte[] damaged :
        List.of(
            new byte[0],
            "not a table".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.util.Arrays.copyOf(bytes, bytes.length / 2),
            flipped(bytes, bytes.length - 20))) {
      Files.write(table, damaged);
      ClassFileFacts run = facts(jar, cache);
      assertThat(run.factsFor(API_CALL)).hasValue(expected);
      assertThat(run.cacheStats()).isEqualTo(new ClassTableCache.Stats(0, 1, 1, 1));
      assertThat(Files.readAllBytes(table)).isEqualTo(bytes);
    }
  }

  /** The key is the content: a copy elsewhere shares the table; a build with off keeps none. */
  @Test
  void theKeyIsTheJarsContentNotItsPath() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("renamed.jar");
    Files.copy(jar, copy);
    assertThat(ClassTableCache.key(copy, true)).isEqualTo(ClassTableCache.key(jar, true));
    assertThat(ClassTableCache.key(jar, true).orElseThrow()).hasLength(64);
    assertThat(ClassTableCache.key(dir.resolve("missing.jar"), true)).isEmpty();

    Path cache = dir.resolve("cache");
    assertThat(facts(jar, cache).factsFor(API_CALL)).isPresent();
    ClassFileFacts fromCopy = facts(copy, cache);
    assertThat(fromCopy.factsFor(API_CALL)).isPresent();
    assertThat(fromCopy.cacheStats()).isEqualTo(new ClassTableCache.Stats(1, 0, 0, 0));
  }

  /** Builds on one machine share the directory: each writes a whole table, none half of one. */
  @Test
  void concurrentWritersLeaveOneWholeTable() throws Exception {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path cache = dir.resolve("cache");
    int writers = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<ClassTableCache.Stats>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < writers; i++) {
        runs.add(
            pool.submit(
                () -> {
                  ClassFileFacts run = facts(jar, cache);
                  start.await();
                  assertThat(run.factsFor(API_CALL)).isPresent();
                  return run.cacheStats();
                }));
      }
      for (var run : runs) {
        assertThat(run.get().rejected()).isEqualTo(0); // never half a table
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tables(cache)).hasSize(1); // no temporary file left behind
    ClassFileFacts after = facts(jar, cache);
    assertThat(after.factsFor(API_CALL)).isPresent();
    assertThat(after.cacheStats()).isEqualTo(new ClassTableCache.Stats(1, 0, 0, 0));
  }

  @Test
  void anUnwritableCacheCostsNothingButTheWrite() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    Path notADirectory = dir.resolve("file");
    Files.writeString(notADirectory, "x");
    ClassFileFacts run = facts(jar, notADirectory);
    assertThat(run.factsFor(API_CALL)).isPresent();
    assertThat(run.cacheStats()).isEqualTo(new ClassTableCache.Stats(0, 1, 0, 0));
  }

  @Test
  void theDirectoryComesFromThePropertyThenXdgThenHome() {
    assertThat(ClassTableCache.directory("/tmp/x", "/xdg")).hasValue(Path.of("/tmp/x"));
    assertThat(ClassTableCache.directory("false", "/xdg")).isEmpty();
    assertThat(ClassTableCache.directory(null, "/xdg")).hasValue(Path.of("/xdg/lockstep"));
    assertThat(ClassTableCache.directory(null, "relative"))
        .hasValue(Path.of(System.getProperty("user.home"), ".cache", "lockstep"));
  }

  @Test
  void offKeepsTablesInMemoryOnly() throws IOException {
    Path jar = CompiledLibrary.jar(dir, "acme-rpc-2.1.jar", RPC);
    ClassFileFacts run =
        new ClassFileFacts(
            new ClassPathRoots(List.of(jar)),
            Catalogue.builtin(),
            6,
            new ClassTableCache(Optional.empty()));
    assertThat(run.factsFor(API_CALL)).isPresent();
    assertThat(run.cacheStats()).isEqualTo(new ClassTableCache.Stats(0, 1, 0, 0));
  }

  private static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x5a;
    return copy;
  }
}
