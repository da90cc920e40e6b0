package dev.lockstep.scanner.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documents the editor has open, with their unsaved text: an overlay over the disk. The
 * analysis reads a file from here when it is open, from disk otherwise.
 */
final class Documents {
  private final Map<Path, String> open = new LinkedHashMap<>();
  private final Map<Path, Integer> versions = new LinkedHashMap<>();

  /** The path of a {@code file:} URI, normalised, or empty for any other scheme. */
  static Optional<Path> path(String uri) {
    try {
      URI u = URI.create(uri);
      if (!"file".equalsIgnoreCase(u.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(Path.of(u).toAbsolutePath().normalize());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The {@code file:} URI editors use for a path. */
  static String uri(Path path) {
    return path.toUri().toString();
  }

  synchronized void put(Path file, String text, Integer version) {
    open.put(file, text);
    if (version == null) {
      versions.remove(file);
    } else {
      versions.put(file, version);
    }
  }

  synchronized void close(Path file) {
    open.remove(file);
    versions.remove(file);
  }

  /** The versions of the open documents now (taken before an analysis reads their text). */
  synchronized Map<Path, Integer> versions() {
    return Map.copyOf(versions);
  }

  synchronized Optional<String> text(Path file) {
    return Optional.ofNullable(open.get(file));
  }

  synchronized Set<Path> openFiles() {
    return Set.copyOf(open.keySet());
  }
}
