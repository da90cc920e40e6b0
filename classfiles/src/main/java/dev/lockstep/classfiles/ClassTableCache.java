package dev.lockstep.classfiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@link ClassTable}s of jars, kept on disk per jar content so that the next build (or scan)
 * reads a jar's class headers from one small file instead of every class in the jar. ADR 0015.
 *
 * <p>The key is a SHA-256 over the table format and the jar's entries — name, size and CRC-32 of
 * each, from the zip's central directory: the content, without inflating it (a rebuilt jar with the
 * same classes keeps its key; a changed class changes it). Where: {@code -Dlockstep.classFileCache=
 * DIR}, else {@code $XDG_CACHE_HOME/lockstep}, else {@code ~/.cache/lockstep}, in a {@code
 * classtables} directory; {@code -Dlockstep.classFileCache=false} keeps tables in memory only.
 *
 * <p>Never fails a build: a file that cannot be read, is truncated or fails its checksum is ignored
 * and written again; a directory that cannot be written is skipped. Concurrent builds each write a
 * temporary file and move it into place atomically, so a reader sees a whole table or none. Not
 * thread-safe within one instance (one compilation's or scan's summaries are not).
 */
public final class ClassTableCache {
  /** The system property that moves the cache ({@code DIR}) or turns it off ({@code false}). */
  public static final String PROPERTY = "lockstep.classFileCache";

  /** Bumped when what a table holds or how it is written changes: old files are then not read. */
  static final int FORMAT = 1;

  private static final int MAGIC = 0x4c535443; // "LSTC"

  /** What the cache did, for tests and statistics. */
  public record Stats(int fromDisk, int built, int written, int rejected) {}

  private final Optional<Path> directory;
  private final Map<Path, Optional<Keyed>> known = new HashMap<>();
  private int fromDisk;
  private int built;
  private int written;
  private int rejected;

  /** A jar's key and, once read or built, its table. */
  private static final class Keyed {
    final String key;
    Optional<ClassTable> table;
    boolean diskRead;

    Keyed(String key) {
      this.key = key;
    }
  }

  /**
   * @param directory where tables are kept; empty keeps them in memory, for this instance only
   */
  public ClassTableCache(Optional<Path> directory) {
    this.directory = directory.map(d -> d.resolve("classtables"));
  }

  /** The cache the system properties and the environment ask for (see the class comment). */
  public static ClassTableCache fromSystemProperties() {
    return new ClassTableCache(root());
  }

  /**
   * The directory of Lockstep's on-disk caches the system property and the environment ask for
   * (this one's tables go in its {@code classtables}, the scanner's index in its {@code scans});
   * empty when {@value #PROPERTY} is {@code false}.
   */
  public static Optional<Path> root() {
    return directory(System.getProperty(PROPERTY), System.getenv("XDG_CACHE_HOME"));
  }

  /** The cache's directory for this property value and {@code $XDG_CACHE_HOME}; empty: off. */
  static Optional<Path> directory(String property, String xdgCacheHome) {
    try {
      if (property != null && !property.isBlank()) {
        return "false".equals(property.trim())
            ? Optional.empty()
            : Optional.of(Path.of(property.trim()));
      }
      return CacheFile.userDirectory(xdgCacheHome);
    } catch (RuntimeException e) {
      return Optional.empty(); // a path this file system cannot spell: no cache
    }
  }

  public Stats stats() {
    return new Stats(fromDisk, built, written, rejected);
  }

  /**
   * The jar's table: from memory, else from the disk cache, else read from the jar's classes (and
   * then written to the cache). Empty when the jar cannot be read or has more than {@link
   * ClassIndex#MAX_CLASSES_SCANNED} classes (a platform, whose classes are read one at a time).
   */
  Optional<ClassTable> table(Path jar) {
    Optional<Keyed> keyed = keyed(jar);
    if (keyed.isEmpty()) {
      return Optional.empty();
    }
    Keyed k = keyed.orElseThrow();
    if (k.table == null) { // not decided yet (ifKnown leaves it so when the disk has none)
      Optional<ClassTable> table = k.diskRead ? Optional.empty() : fromDisk(k.key);
      k.diskRead = true;
      if (table.isEmpty()) {
        table = build(jar);
        table.ifPresent(t -> write(k.key, t));
      }
      k.table = table;
    }
    return k.table;
  }

  /** The jar's table if this instance or an earlier build has it; never reads the jar's classes. */
  Optional<ClassTable> ifKnown(Path jar) {
    if (directory.isEmpty()) { // no disk to look on: only what this run built
      Optional<Keyed> built = known.get(jar.toAbsolutePath().normalize());
      return built == null || built.isEmpty() || built.orElseThrow().table == null
          ? Optional.empty()
          : built.orElseThrow().table;
    }
    Optional<Keyed> keyed = keyed(jar);
    if (keyed.isEmpty()) {
      return Optional.empty();
    }
    Keyed k = keyed.orElseThrow();
    if (k.table == null && !k.diskRead) {
      k.diskRead = true;
      Optional<ClassTable> read = fromDisk(k.key);
      if (read.isPresent()) {
        k.table = read;
      }
    }
    // Not known yet: table() may build it later.
    return k.table == null ? Optional.empty() : k.table;
  }

  private Optional<Keyed> keyed(Path jar) {
    Path at = jar.toAbsolutePath().normalize();
    Optional<Keyed> k = known.get(at);
    if (k == null) {
      k = key(at, directory.isPresent()).map(Keyed::new);
      known.put(at, k);
    }
    return k;
  }

  /**
   * The jar's content key ({@code ""} unless {@code hash}: a cache in memory needs none); empty
   * when it is no readable jar or too large to table.
   */
  static Optional<String> key(Path jar, boolean hash) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<? extends ZipEntry> entries = java.util.Collections.list(zip.entries());
      // Counted first: a platform jar is not tabled, and not hashed either.
      if (entries.stream().filter(e -> ClassPathRoots.isClass(e.getName())).count()
          > ClassIndex.MAX_CLASSES_SCANNED) {
        return Optional.empty();
      }
      if (!hash) {
        return Optional.of("");
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("lockstep-classtable-" + FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
      java.nio.ByteBuffer sizes = java.nio.ByteBuffer.allocate(2 * Long.BYTES);
      for (ZipEntry e : entries) {
        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
        sizes.clear();
        sha.update(sizes.putLong(e.getSize()).putLong(e.getCrc()).array());
      }
      return Optional.of(HexFormat.of().formatHex(sha.digest()));
    } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  private Optional<ClassTable> build(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Map<String, ClassTable.Header> classes = new LinkedHashMap<>();
      List<ZipEntry> entries = new ArrayList<>();
      zip.stream().filter(e -> ClassPathRoots.isClass(e.getName())).forEach(entries::add);
      for (ZipEntry e : entries) {
        try (InputStream in = zip.getInputStream(e)) {
          String name = e.getName();
          classes.put(
              name.substring(0, name.length() - ".class".length()),
              ClassTable.header(in.readAllBytes()));
        } catch (IOException | RuntimeException unreadable) {
          // a class ASM cannot read: absent from the table, as from the index
        }
      }
      built++;
      return Optional.of(new ClassTable(classes));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<Path> file(String key) {
    return directory.map(d -> d.resolve(key + ".table"));
  }

  private Optional<ClassTable> fromDisk(String key) {
    Optional<Path> file = file(key);
    if (file.isEmpty() || !Files.isRegularFile(file.orElseThrow())) {
      return Optional.empty();
    }
    try {
      byte[] payload =
          CacheFile.read(file.orElseThrow(), MAGIC, FORMAT, key)
              .orElseThrow(() -> new IOException("truncated, damaged or not this table"));
      ClassTable table = ClassTable.read(new DataInputStream(new ByteArrayInputStream(payload)));
      fromDisk++;
      return Optional.of(table);
    } catch (IOException | RuntimeException e) {
      rejected++; // read from the jar again, and written over
      return Optional.empty();
    }
  }

  private void write(String key, ClassTable table) {
    Optional<Path> file = file(key);
    if (file.isEmpty()) {
      return;
    }
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      table.write(new DataOutputStream(payload));
      if (CacheFile.write(file.orElseThrow(), MAGIC, FORMAT, key, payload.toByteArray())) {
        written++;
      }
    } catch (IOException | RuntimeException e) {
      // a cache that cannot be written costs the next build a read of the jar, nothing else
    }
  }
}
