package dev.lockstep.benchmarks.compile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One project to compile: its sources, read into memory, the jars they compile against, and the
 * javac options the project needs on the JDK this runs on.
 *
 * <p>On disk a project is {@code <corpus>/<name>/sources/*.jar} (Maven {@code -sources.jar}s: every
 * {@code .java} entry is compiled except {@code module-info.java}, as the unnamed module) and
 * {@code <corpus>/<name>/classpath/*.jar}. {@code benchmarks/pom.xml} fills that layout from Maven
 * coordinates; any other directory laid out the same way works too, with no extra options.
 */
public final class Corpus {
  /**
   * javac options a project needs beyond the harness' own. Each entry says why; a project that
   * cannot be made to compile is left out of the pom with the reason written there.
   */
  private static final Map<String, List<String>> PROJECT_OPTIONS =
      Map.of(
          // No extra options: these compile cleanly with javac 21+ at its default source level.
          "gson", List.of(),
          "commons-lang3", List.of(),
          "guava", List.of(),
          "jackson-databind", List.of(),
          "caffeine", List.of());

  private final String name;
  private final List<SourceFile> sources;
  private final List<Path> classpath;
  private final List<String> options;
  private final long nonBlankLines;

  /** A project held in memory; {@code options} are javac options of the project itself. */
  public Corpus(String name, List<SourceFile> sources, List<Path> classpath, List<String> options) {
    this.name = name;
    this.sources = List.copyOf(sources);
    this.classpath = List.copyOf(classpath);
    this.options = List.copyOf(options);
    this.nonBlankLines = this.sources.stream().mapToLong(SourceFile::nonBlankLines).sum();
  }

  /** Reads {@code <root>/<name>} into memory. */
  public static Corpus load(Path root, String name) throws IOException {
    Path dir = root.resolve(name);
    Path sourcesDir = dir.resolve("sources");
    List<Path> sourceJars = jars(sourcesDir);
    if (sourceJars.isEmpty()) {
      throw new IOException(
          "no sources jar in "
              + sourcesDir
              + ": fetch the corpus first (benchmarks/README.md, \"Compile overhead\")");
    }
    List<SourceFile> sources = new ArrayList<>();
    for (Path jar : sourceJars) {
      readSources(name, jar, sources);
    }
    sources.sort(Comparator.comparing(SourceFile::path));
    return new Corpus(
        name,
        sources,
        jars(dir.resolve("classpath")),
        PROJECT_OPTIONS.getOrDefault(name, List.of()));
  }

  /** The projects laid out under {@code root}, by name. */
  public static List<String> available(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(dir -> Files.isDirectory(dir.resolve("sources")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** The project's name, e.g. {@code guava}. */
  public String name() {
    return name;
  }

  /** Every file to compile, in a fixed order. */
  public List<SourceFile> sources() {
    return sources;
  }

  /** The jars the sources compile against. */
  public List<Path> classpath() {
    return classpath;
  }

  /** The javac options of the project itself (release, lint, ...), not the harness' ones. */
  public List<String> options() {
    return options;
  }

  /** Non-blank lines over all {@link #sources()}. */
  public long nonBlankLines() {
    return nonBlankLines;
  }

  private static List<Path> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static void readSources(String project, Path jar, List<SourceFile> into)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String path = entry.getName();
        if (entry.isDirectory()
            || !path.endsWith(".java")
            || path.startsWith("META-INF/")
            // Compiled as the unnamed module: the benchmark needs no module graph, and a
            // module-info would make javac demand every `requires` on a module path.
            || path.equals("module-info.java")
            || path.endsWith("/module-info.java")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          into.add(new SourceFile(project, path, new String(in.readAllBytes(), UTF_8)));
        }
      }
    }
  }
}
