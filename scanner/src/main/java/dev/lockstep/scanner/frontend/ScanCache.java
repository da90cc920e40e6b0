package dev.lockstep.scanner.frontend;

import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.classfiles.CacheFile;
import dev.lockstep.classfiles.ClassFileFacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The scanner's incremental index on disk (ADR 0016): per source file, its content hash, its
 * findings and problems, and what its code looked up ({@link Reads}), under a key of everything
 * else that decides results — the scanner's own code, the JDK it runs on, the configuration, the
 * options and the classpath. One file per key ({@code scans/<key>.index}), written whole and moved
 * into place ({@link CacheFile}): concurrent scans each leave a whole index, the last one wins.
 */
final class ScanCache {
  /** Bumped when what the index holds or how it is written changes: old files are then not read. */
  static final int FORMAT = 1;

  private static final int MAGIC = 0x4c535349; // "LSSI"

  /**
   * One source file's share of the last scan.
   *
   * @param hash its content's SHA-256
   * @param declared the canonical names of the types it declares
   * @param reads the other source files its code made the solver look types up in
   * @param missed the type names its code looked up that no source file declared
   */
  record Entry(
      String file,
      String hash,
      long lines,
      int loops,
      int uncertain,
      List<String> declared,
      Set<String> reads,
      Set<String> missed,
      List<FrontEnd.FileProblem> problems,
      List<FrontEnd.ScanFinding> findings) {}

  /**
   * The last scan of one key.
   *
   * @param scan what was looked up outside any file's code (setting up): a change there is a change
   *     for every file
   */
  record Index(Map<String, Entry> entries, Reads.FileReads scan) {}

  private ScanCache() {}

  /** The index file of this key under the cache directory. */
  static Path file(Path directory, String key) {
    return directory.resolve("scans").resolve(key + ".index");
  }

  // ---------------------------------------------------------------------------------------------
  // The key

  /** Everything but the sources that decides a scan's results, hashed. */
  static String key(FrontEnd.Options options) {
    MessageDigest sha = sha256();
    update(sha, "format " + FORMAT);
    update(sha, "tool " + Tool.FINGERPRINT);
    update(sha, "java " + Runtime.version() + " " + System.getProperty("java.home"));
    update(sha, "config " + config(options.config()));
    update(
        sha,
        "options resolve="
            + options.resolve()
            + " strict="
            + options.strict()
            + " classFiles="
            + ClassFileFacts.enabled());
    for (Path entry : options.classpath()) {
      update(sha, "classpath " + entry.toAbsolutePath().normalize() + " " + fingerprint(entry));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The configuration as text: every catalogue entry (sets sorted) and the numbers. */
  private static String config(LockstepConfig config) {
    StringBuilder s = new StringBuilder();
    s.append(config.maxDepth())
        .append(' ')
        .append(config.window())
        .append(' ')
        .append(config.cores())
        .append('\n');
    for (CatalogueEntry e : config.catalogue().entries()) {
      s.append(e.owner())
          .append('|')
          .append(e.exactReceiver())
          .append('|')
          .append(e.name())
          .append('|')
          .append(e.params())
          .append('|')
          .append(e.tag())
          .append('|')
          .append(e.label())
          .append('|')
          .append(e.source())
          .append('|')
          .append(e.batch())
          .append('|')
          .append(new TreeSet<>(e.unlessChained()))
          .append('\n');
    }
    return s.toString();
  }

  /**
   * A classpath entry or code source as size and modification time: of the file, or of every file
   * under the directory (a class directory is what the build is changing).
   */
  static String fingerprint(Path entry) {
    try {
      if (Files.isRegularFile(entry)) {
        return Files.size(entry) + "@" + Files.getLastModifiedTime(entry).toMillis();
      }
      if (Files.isDirectory(entry)) {
        MessageDigest sha = sha256();
        try (Stream<Path> files = Files.walk(entry)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            update(
                sha,
                entry.relativize(f)
                    + " "
                    + Files.size(f)
                    + "@"
                    + Files.getLastModifiedTime(f).toMillis());
          }
        }
        return "dir " + HexFormat.of().formatHex(sha.digest());
      }
      return "absent";
    } catch (IOException | RuntimeException e) {
      return "unreadable " + System.nanoTime(); // never equal: a miss
    }
  }

  /** The scanner's own code: the jars (or class directories) it and its analysis run from. */
  private static final class Tool {
    static final String FINGERPRINT = fingerprintTool();

    private static String fingerprintTool() {
      Set<String> sources = new LinkedHashSet<>();
      for (Class<?> c :
          List.of(
              FrontEnd.class,
              Summaries.class,
              ClassFileFacts.class,
              com.github.javaparser.ast.CompilationUnit.class,
              com.github.javaparser.symbolsolver.JavaSymbolSolver.class)) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        String where;
        try {
          where = source == null ? c.getName() : contentOf(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
          where = "unknown " + System.nanoTime(); // never equal: the cache is never reused
        }
        sources.add(where);
      }
      return String.join(";", sources);
    }

    /** A jar by its content's hash; a class directory by its files' sizes and times. */
    private static String contentOf(Path source) {
      if (!Files.isRegularFile(source)) {
        return source + " " + fingerprint(source);
      }
      MessageDigest sha = sha256();
      try (InputStream in = Files.newInputStream(source)) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      } catch (IOException e) {
        return "unreadable " + System.nanoTime();
      }
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  /** The SHA-256 of a source file's bytes, or empty when it cannot be read. */
  static Optional<String> contentHash(Path file) {
    try {
      return Optional.of(HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
  }

  // ---------------------------------------------------------------------------------------------
  // Reading and writing

  /** The index of this key, if a whole one is there. */
  static Optional<Index> load(Path file, String key) {
    Optional<byte[]> payload = CacheFile.read(file, MAGIC, FORMAT, key);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(payload.orElseThrow())))) {
      int count = in.readInt();
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        Entry e = readEntry(in);
        entries.put(e.file(), e);
      }
      Reads.FileReads scan = new Reads.FileReads();
      scan.files.addAll(readStrings(in));
      scan.missed.addAll(readStrings(in));
      return Optional.of(new Index(entries, scan));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a damaged index is a miss, never a failure
    }
  }

  /** Whether there is a file at {@code file} that is not a whole index of this key. */
  static boolean rejected(Path file, String key) {
    return CacheFile.rejected(file, MAGIC, FORMAT, key);
  }

  /** Writes the index; false when it could not be written (the next scan is then cold). */
  static boolean save(Path file, String key, Index index) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      List<byte[]> written = new ArrayList<>();
      for (Entry e : index.entries().values()) {
        // An entry that cannot be written is left out: that file is analysed again next time.
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (DataOutputStream entry = new DataOutputStream(one)) {
          writeEntry(entry, e);
          written.add(one.toByteArray());
        } catch (IOException notCacheable) {
          // left out
        }
      }
      out.writeInt(written.size());
      for (byte[] e : written) {
        out.write(e);
      }
      writeStrings(out, index.scan().files);
      writeStrings(out, index.scan().missed);
    } catch (IOException e) {
      return false;
    }
    return CacheFile.write(file, MAGIC, FORMAT, key, bytes.toByteArray());
  }

  private static void writeEntry(DataOutputStream out, Entry e) throws IOException {
    RecordCodec.writeString(out, e.file());
    RecordCodec.writeString(out, e.hash());
    out.writeLong(e.lines());
    out.writeInt(e.loops());
    out.writeInt(e.uncertain());
    writeStrings(out, e.declared());
    writeStrings(out, e.reads());
    writeStrings(out, e.missed());
    RecordCodec.write(out, e.problems());
    RecordCodec.write(out, e.findings());
  }

  @SuppressWarnings("unchecked") // the codec gives back what was written: lists of these records
  private static Entry readEntry(DataInputStream in) throws IOException {
    String file = RecordCodec.readString(in);
    String hash = RecordCodec.readString(in);
    long lines = in.readLong();
    int loops = in.readInt();
    int uncertain = in.readInt();
    List<String> declared = readStrings(in);
    Set<String> reads = new LinkedHashSet<>(readStrings(in));
    Set<String> missed = new LinkedHashSet<>(readStrings(in));
    Object problems = RecordCodec.read(in);
    Object findings = RecordCodec.read(in);
    if (!(problems instanceof List<?> p
            && p.stream().allMatch(FrontEnd.FileProblem.class::isInstance))
        || !(findings instanceof List<?> f
            && f.stream().allMatch(FrontEnd.ScanFinding.class::isInstance))) {
      throw new IOException("not an entry");
    }
    return new Entry(
        file,
        hash,
        lines,
        loops,
        uncertain,
        declared,
        reads,
        missed,
        List.copyOf((List<FrontEnd.FileProblem>) problems),
        List.copyOf((List<FrontEnd.ScanFinding>) findings));
  }

  private static void writeStrings(DataOutputStream out, Collection<String> strings)
      throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      RecordCodec.writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int size = in.readInt();
    if (size < 0 || size > 10_000_000) {
      throw new IOException("bad size " + size);
    }
    List<String> strings = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      strings.add(RecordCodec.readString(in));
    }
    return strings;
  }
}
