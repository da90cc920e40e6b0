package dev.lockstep.classfiles;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The facts of library methods read in one build, kept on disk for the next build with the same
 * class path: a warm build reads no library class file at all. ADR 0019.
 *
 * <p>A library method's facts depend on more than its jar (ADR 0015): on where its calls resolve in
 * the other jars, on the catalogue, on the depth the library rule looks down, on the running JDK
 * and on Lockstep's own code. So the unit is the whole class path, and the key is a SHA-256 over
 * all of them: every root in order (a jar by path, size and modification time; a class directory by
 * the same of each of its class files), the catalogue's entries, the depth, the JDK's version and
 * the files Lockstep's analysis and class-file code are loaded from. Anything changed is a new key
 * and a cold build; the old file is left (no eviction: a file is one build's answers, tens of KB to
 * a few MB; deleting the directory clears it).
 *
 * <p>Where: {@code facts/<key>.facts} in the directory of the class tables ({@link
 * ClassTableCache#root}: {@code -Dlockstep.classFileCache=DIR}, else the user's cache; {@code
 * false} keeps nothing). Read and written through {@link CacheFile}: a damaged file is ignored,
 * writes are atomic, a directory that cannot be written costs the next build a cold start.
 */
public final class LibraryFactsCache {
  /** Bumped when a fact record gains a component or the encoding changes. */
  static final int FORMAT = 2;

  private static final int MAGIC = 0x4c534c46; // "LSLF"

  private static final int ANSWERS_MAGIC = 0x4c534c41; // "LSLA"

  /**
   * A yes-or-no question a front end asked about a library method ({@code "mayWait AWAIT,LATENCY"}:
   * whether the summaries find such a wait in it), kept beside the facts (ADR 0027).
   */
  record Answer(MethodRef method, String question) {}

  /**
   * What the cache did, for tests and statistics.
   *
   * @param methodsFromDisk methods in the kept file loaded (their records not yet decoded)
   * @param recordsDecoded kept records decoded: the methods asked for
   */
  public record Stats(
      int methodsFromDisk,
      int recordsDecoded,
      int answersFromDisk,
      int filesWritten,
      int rejected) {}

  private final Optional<Path> directory;
  private int methodsFromDisk;
  private int answersFromDisk;
  private int recordsDecoded;
  private int filesWritten;
  private int rejected;

  /**
   * @param directory the cache root ({@link ClassTableCache#root}); empty keeps nothing on disk
   */
  public LibraryFactsCache(Optional<Path> directory) {
    this.directory = directory.map(d -> d.resolve("facts"));
  }

  /** The cache the system properties and the environment ask for. */
  public static LibraryFactsCache fromSystemProperties() {
    return new LibraryFactsCache(ClassTableCache.root());
  }

  /** An instance that keeps nothing: every build reads its libraries' class files. */
  public static LibraryFactsCache none() {
    return new LibraryFactsCache(Optional.empty());
  }

  public Stats stats() {
    return new Stats(methodsFromDisk, recordsDecoded, answersFromDisk, filesWritten, rejected);
  }

  boolean enabled() {
    return directory.isPresent();
  }

  /**
   * The key of a class path's facts, or empty when one of its parts cannot be read (then nothing is
   * kept): see the class comment.
   */
  static Optional<String> key(List<Path> classPath, Catalogue catalogue, int ruleDepth) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StringBuilder text = new StringBuilder();
      text.append("lockstep-libraryfacts-").append(FORMAT).append('\n');
      text.append("jdk ").append(Runtime.version()).append('\n');
      text.append("depth ").append(ruleDepth).append('\n');
      for (Class<?> code : List.of(LibraryFactsCache.class, MethodFacts.class)) {
        Optional<Path> at = codeOf(code);
        if (at.isEmpty()) {
          return Optional.empty(); // Lockstep's own code cannot be told apart from another build
        }
        root(at.orElseThrow(), text.append("code "));
      }
      for (CatalogueEntry entry : catalogue.entries()) {
        text.append("catalogue ").append(entry).append('\n');
      }
      for (Path root : classPath) {
        root(root, text.append("root "));
      }
      return Optional.of(
          HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8))));
    } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  /** A root's path and its files' sizes and modification times (a missing root: its path). */
  private static void root(Path root, StringBuilder text) throws IOException {
    Path at = root.toAbsolutePath().normalize();
    text.append(at);
    if (Files.isDirectory(at)) {
      List<String> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(at)) {
        for (Path f : (Iterable<Path>) walk::iterator) {
          if (f.getFileName() != null && f.getFileName().toString().endsWith(".class")) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            files.add(at.relativize(f) + " " + a.size() + " " + a.lastModifiedTime().toMillis());
          }
        }
      }
      files.sort(null); // the walk's order is the file system's
      text.append(" dir ").append(files.size()).append('\n');
      files.forEach(f -> text.append("  ").append(f).append('\n'));
    } else if (Files.isRegularFile(at)) {
      BasicFileAttributes a = Files.readAttributes(at, BasicFileAttributes.class);
      text.append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
      text.append('\n');
    } else {
      text.append(" missing\n");
    }
  }

  /** The jar or class directory a class of Lockstep's was loaded from. */
  private static Optional<Path> codeOf(Class<?> code) {
    try {
      CodeSource source = code.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null
          ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The facts an earlier build kept under {@code key}, each decoded when asked; none when there is
   * no file (or it is unreadable).
   */
  MethodFactsCodec.Kept load(String key) {
    try {
      Optional<byte[]> payload = read(file(key), MAGIC, key);
      if (payload.isEmpty()) {
        return MethodFactsCodec.Kept.NONE;
      }
      MethodFactsCodec.Kept facts = MethodFactsCodec.index(payload.orElseThrow());
      methodsFromDisk += facts.size();
      return facts;
    } catch (IOException | RuntimeException e) {
      rejected++; // read from the class files again, and written over
      return MethodFactsCodec.Kept.NONE;
    }
  }

  /** Counts a kept record decoded. */
  void decodedRecord() {
    recordsDecoded++;
  }

  /** Counts a kept record that would not decode: the method is read again, the file rewritten. */
  void rejectedRecord() {
    rejected++;
  }

  /** Keeps {@code facts} under {@code key} for the next build; false when it could not. */
  boolean save(String key, Map<MethodRef, Optional<MethodFacts>> facts) {
    return write(file(key), MAGIC, key, () -> MethodFactsCodec.encode(facts));
  }

  /**
   * The answers an earlier build kept under {@code key} for summaries of depth {@code depth}; empty
   * when none (or unreadable).
   */
  Map<Answer, Boolean> loadAnswers(String key, int depth) {
    try {
      Optional<byte[]> payload = read(answersFile(key, depth), ANSWERS_MAGIC, key + " " + depth);
      if (payload.isEmpty()) {
        return Map.of();
      }
      Map<Answer, Boolean> answers = MethodFactsCodec.decodeAnswers(payload.orElseThrow());
      answersFromDisk += answers.size();
      return answers;
    } catch (IOException | RuntimeException e) {
      rejected++; // asked again, and written over
      return Map.of();
    }
  }

  /** Keeps {@code answers} under {@code key} and {@code depth}; false when it could not. */
  boolean saveAnswers(String key, int depth, Map<Answer, Boolean> answers) {
    return write(
        answersFile(key, depth),
        ANSWERS_MAGIC,
        key + " " + depth,
        () -> MethodFactsCodec.encodeAnswers(answers));
  }

  /**
   * A kept file's payload; empty when there is no file (or nothing is kept). Throws when the file
   * is truncated, damaged or another key's.
   */
  private static Optional<byte[]> read(Optional<Path> file, int magic, String key)
      throws IOException {
    if (file.isEmpty() || !Files.isRegularFile(file.orElseThrow())) {
      return Optional.empty();
    }
    return Optional.of(
        CacheFile.read(file.orElseThrow(), magic, FORMAT, key)
            .orElseThrow(() -> new IOException("truncated, damaged or another key's")));
  }

  /**
   * Writes a kept file; false when it could not. A cache that cannot be written costs the next
   * build a cold start, nothing else.
   */
  private boolean write(Optional<Path> file, int magic, String key, Supplier<byte[]> payload) {
    if (file.isEmpty()) {
      return false;
    }
    try {
      if (CacheFile.write(file.orElseThrow(), magic, FORMAT, key, payload.get())) {
        filesWritten++;
        return true;
      }
    } catch (RuntimeException e) {
      // not kept
    }
    return false;
  }

  private Optional<Path> file(String key) {
    return directory.map(d -> d.resolve(key + ".facts"));
  }

  /** The summaries' depth is not in the key (the facts do not depend on it): it names the file. */
  private Optional<Path> answersFile(String key, int depth) {
    return directory.map(d -> d.resolve(key + "-depth" + depth + ".answers"));
  }
}
