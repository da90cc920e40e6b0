package dev.lockstep.classfiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Where Lockstep's on-disk caches live and how one of their files is written and read, for every
 * cache alike (the class tables of ADR 0015, the scanner's incremental index of ADR 0016).
 *
 * <p>A file is {@code magic, format, key, length, payload, CRC-32}. Reading one that is missing,
 * truncated, damaged, of another format or of another key gives nothing (the caller rebuilds and
 * writes it over); writing goes to a temporary file in the same directory moved into place
 * atomically, so concurrent writers each write a whole file and readers never see half of one. A
 * directory that cannot be written costs the next run a rebuild, never a failure.
 */
public final class CacheFile {
  private CacheFile() {}

  /**
   * The user's cache directory for Lockstep: {@code $XDG_CACHE_HOME/lockstep} when that is an
   * absolute path, else {@code ~/.cache/lockstep}; empty when neither can be spelt.
   */
  public static Optional<Path> userDirectory(String xdgCacheHome) {
    try {
      if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
        return Optional.of(Path.of(xdgCacheHome, "lockstep"));
      }
      String home = System.getProperty("user.home");
      return home == null ? Optional.empty() : Optional.of(Path.of(home, ".cache", "lockstep"));
    } catch (RuntimeException e) {
      return Optional.empty(); // a path this file system cannot spell: no cache
    }
  }

  /** The payload of {@code file} if it is a whole file of this magic, format and key. */
  public static Optional<byte[]> read(Path file, int magic, int format, String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != magic || in.readInt() != format || !key.equals(in.readUTF())) {
        return Optional.empty();
      }
      int length = in.readInt();
      byte[] payload = in.readNBytes(Math.max(0, length));
      long checksum = in.readLong();
      if (payload.length != length || checksum != crc(payload) || in.read() != -1) {
        return Optional.empty();
      }
      return Optional.of(payload);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code file} exists but is not a whole file of this magic, format and key. */
  public static boolean rejected(Path file, int magic, int format, String key) {
    return Files.exists(file) && read(file, magic, format, key).isEmpty();
  }

  /** Writes {@code payload} to {@code file} atomically; false when it could not be written. */
  public static boolean write(Path file, int magic, int format, String key, byte[] payload) {
    Path temporary = null;
    try {
      ByteArrayOutputStream whole = new ByteArrayOutputStream(payload.length + 128);
      DataOutputStream out = new DataOutputStream(whole);
      out.writeInt(magic);
      out.writeInt(format);
      out.writeUTF(key);
      out.writeInt(payload.length);
      out.write(payload);
      out.writeLong(crc(payload));
      out.flush();
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
      Files.write(temporary, whole.toByteArray());
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // a cache that cannot be written costs the next run a rebuild, nothing else
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException | RuntimeException e) {
          // left behind: a stray temporary file is never read
        }
      }
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
