package dev.lockstep.benchmarks.compile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * One javac run in this JVM over a project held in memory, as one of the benchmark's variants.
 * Class files are generated and thrown away (no disk in the timed part).
 *
 * <p>Error Prone is loaded as a javac plugin from this JVM's class path, which also holds
 * Lockstep's checker jar; Error Prone would enable Lockstep's checks in every variant that loads
 * it, so the variants without Lockstep turn each one off by name.
 *
 * <p>By default the plugin is loaded through this JVM's own class loader, so Error Prone's and
 * Lockstep's classes stay loaded and JIT-compiled from one run to the next, as javac's own do: the
 * runs measure the steady state, where the checks' own work shows and noise is lowest. With {@code
 * isolatedPluginLoader} javac makes a fresh class loader per run, as a Maven or Gradle compile
 * does: plugin classes are loaded, interpreted and compiled again every time.
 */
public final class JavacWorkload implements Workload {

  /** What runs inside javac. */
  public enum Variant {
    /** javac alone, with its default compile policy: the baseline of every build. */
    JAVAC("javac"),
    /** javac + Error Prone with its default checks (errors demoted to warnings). */
    ERROR_PRONE("errorprone"),
    /** javac + Error Prone's default checks + every Lockstep check: what a Lockstep user runs. */
    LOCKSTEP("lockstep"),
    /** javac + Error Prone with every check off: the cost of loading the plugin at all. */
    ERROR_PRONE_NO_CHECKS("errorprone-nochecks"),
    /** javac + Error Prone running Lockstep's checks only: Lockstep's cost in isolation. */
    LOCKSTEP_ONLY("lockstep-only");

    private final String label;

    Variant(String label) {
      this.label = label;
    }

    /** The name on the command line and in tables. */
    public String label() {
      return label;
    }

    /** The variant labelled {@code label}. */
    public static Variant of(String label) {
      for (Variant variant : values()) {
        if (variant.label.equals(label)) {
          return variant;
        }
      }
      throw new IllegalArgumentException(
          "unknown variant '"
              + label
              + "'; known: "
              + Arrays.stream(values()).map(Variant::label).toList());
    }
  }

  /**
   * The key of Error Prone's diagnostics: {@code compiler.warn.error.prone}, {@code
   * compiler.err.error.prone} and {@code compiler.err.error.prone.crash}.
   */
  private static final String ERROR_PRONE_CODE = "error.prone";

  /** Error Prone's report of a check that threw; it names the check on a later line. */
  static final String CRASH_MESSAGE =
      "An unhandled exception was thrown by the Error Prone static analysis plugin";

  private static final Pattern CRASHED_CHECK = Pattern.compile("BugPattern: (\\S+)");
  private static final Pattern CHECK_NAME = Pattern.compile("^\\[([^\\]]+)\\]");

  private final Variant variant;
  private final List<String> lockstepChecks;
  private final boolean isolatedPluginLoader;
  private final ClassLoader pluginLoader;
  private final List<Path> pluginPath;

  /**
   * A variant that enables, or turns off, exactly {@code lockstepChecks} (see {@link
   * LockstepChecks#discover}); plugins come from {@code pluginLoader}, whose class path is {@code
   * pluginPath}.
   */
  public JavacWorkload(
      Variant variant,
      List<String> lockstepChecks,
      boolean isolatedPluginLoader,
      ClassLoader pluginLoader,
      List<Path> pluginPath) {
    this.variant = variant;
    this.lockstepChecks = List.copyOf(lockstepChecks);
    this.isolatedPluginLoader = isolatedPluginLoader;
    this.pluginLoader = pluginLoader;
    this.pluginPath = List.copyOf(pluginPath);
  }

  /** A variant whose plugins come from this JVM's class path and class loader. */
  public static JavacWorkload of(Variant variant, boolean isolatedPluginLoader) {
    ClassLoader loader = JavacWorkload.class.getClassLoader();
    List<Path> path =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator, -1))
            .filter(entry -> !entry.isEmpty())
            .map(Path::of)
            .toList();
    return new JavacWorkload(
        variant, LockstepChecks.discover(loader), isolatedPluginLoader, loader, path);
  }

  @Override
  public String name() {
    return variant.label();
  }

  /** Which variant this is. */
  public Variant variant() {
    return variant;
  }

  /** The Lockstep checks this variant enables, or turns off. */
  public List<String> lockstepChecks() {
    return lockstepChecks;
  }

  /** The javac options of this variant for {@code corpus}, the project's own first. */
  public List<String> options(Corpus corpus) {
    List<String> options = new ArrayList<>(corpus.options());
    // The projects' own annotation processors are not needed: their output is in the sources jar.
    options.add("-proc:none");
    // Count every diagnostic, not javac's default first 100.
    options.addAll(List.of("-Xmaxerrs", "1000000", "-Xmaxwarns", "1000000"));
    if (variant == Variant.JAVAC) {
      return options;
    }
    options.add("-XDcompilePolicy=simple");
    options.add("--should-stop=ifError=FLOW");
    options.add("-XDaddTypeAnnotationsToSymbol=true");
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne");
    // Real projects trip some of Error Prone's error-level checks; as warnings the checks still
    // run and the compilation still goes all the way to class files.
    plugin.append(" -XepAllErrorsAsWarnings");
    if (variant == Variant.ERROR_PRONE_NO_CHECKS || variant == Variant.LOCKSTEP_ONLY) {
      plugin.append(" -XepDisableAllChecks");
    }
    // WARN, not the check's default: -XepAllErrorsAsWarnings does not demote a check enabled by
    // name next to Error Prone's defaults, and an error would stop javac before class files.
    String lockstepSetting =
        variant == Variant.LOCKSTEP || variant == Variant.LOCKSTEP_ONLY ? ":WARN" : ":OFF";
    for (String check : lockstepChecks) {
      plugin.append(" -Xep:").append(check).append(lockstepSetting);
    }
    options.add(plugin.toString());
    return options;
  }

  @Override
  public Outcome run(Corpus corpus) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Tally tally = new Tally();
    boolean success;
    Map<String, Double> checkSeconds = Map.of();
    List<Outcome.Crash> thrown = new ArrayList<>();
    try (BenchmarkFileManager fileManager =
        new BenchmarkFileManager(
            javac.getStandardFileManager(tally, Locale.ROOT, UTF_8),
            isolatedPluginLoader ? null : pluginLoader)) {
      // Always set: without it, in-process javac would compile against this JVM's class path.
      fileManager.delegate().setLocationFromPaths(StandardLocation.CLASS_PATH, corpus.classpath());
      if (variant != Variant.JAVAC) {
        fileManager
            .delegate()
            .setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH, pluginPath);
      }
      JavaCompiler.CompilationTask task =
          javac.getTask(
              Writer.nullWriter(), fileManager, tally, options(corpus), null, corpus.sources());
      CheckTimings timings = CheckTimings.before(task, isolatedPluginLoader ? null : pluginLoader);
      success = task.call();
      checkSeconds = timings.seconds();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      // javac wraps what escapes a plugin or itself; it is a crash of the run, not of the harness.
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      thrown.add(new Outcome.Crash("<tool>", "", trace.toString()));
      success = false;
    }
    return tally.outcome(success, thrown, checkSeconds);
  }

  /**
   * Counts diagnostics cheaply while javac runs and keeps Error Prone's; their messages are only
   * formatted after the run.
   */
  private static final class Tally implements DiagnosticListener<JavaFileObject> {
    private int errors;
    private int warnings;
    private final List<Diagnostic<? extends JavaFileObject>> errorProne = new ArrayList<>();
    private final List<Diagnostic<? extends JavaFileObject>> otherErrors = new ArrayList<>();

    @Override
    public void report(Diagnostic<? extends JavaFileObject> diagnostic) {
      switch (diagnostic.getKind()) {
        case ERROR -> errors++;
        case WARNING, MANDATORY_WARNING -> warnings++;
        default -> {
          // Notes (deprecation summaries and the like) are neither.
        }
      }
      String code = diagnostic.getCode();
      if (code != null && code.contains(ERROR_PRONE_CODE)) {
        errorProne.add(diagnostic);
      } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR && otherErrors.size() < 10) {
        otherErrors.add(diagnostic);
      }
    }

    Outcome outcome(boolean success, List<Outcome.Crash> thrown, Map<String, Double> checkSeconds) {
      Map<String, Integer> findings = new LinkedHashMap<>();
      List<Outcome.Crash> crashes = new ArrayList<>(thrown);
      for (Diagnostic<? extends JavaFileObject> diagnostic : errorProne) {
        String message = diagnostic.getMessage(Locale.ROOT);
        if (message.contains(CRASH_MESSAGE)) {
          crashes.add(crash(location(diagnostic), message));
          continue;
        }
        Matcher name = CHECK_NAME.matcher(message);
        findings.merge(name.find() ? name.group(1) : "<unnamed>", 1, Integer::sum);
      }
      List<String> others = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> diagnostic : otherErrors) {
        String message = diagnostic.getMessage(Locale.ROOT);
        if (message.contains(CRASH_MESSAGE)) {
          crashes.add(crash(location(diagnostic), message));
        } else {
          others.add(location(diagnostic) + ": " + message);
        }
      }
      return new Outcome(success, errors, warnings, findings, crashes, others, checkSeconds);
    }

    private static String location(Diagnostic<? extends JavaFileObject> diagnostic) {
      JavaFileObject source = diagnostic.getSource();
      return source == null
          ? "<no file>"
          : source.toUri().getPath() + ":" + diagnostic.getLineNumber();
    }
  }

  /** Reads Error Prone's crash report: which check threw, where. */
  static Outcome.Crash crash(String location, String message) {
    Matcher check = CRASHED_CHECK.matcher(message);
    return new Outcome.Crash(check.find() ? check.group(1) : "<unknown>", location, message);
  }

  /**
   * The project's jars from a standard file manager; class files into nowhere; and, unless
   * isolated, plugins from a class loader that outlives the run.
   */
  private static final class BenchmarkFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager>
      implements StandardJavaFileManager {
    private final ClassLoader sharedPluginLoader;

    /** {@code sharedPluginLoader} is null for a fresh loader per run (javac's own behaviour). */
    BenchmarkFileManager(StandardJavaFileManager delegate, ClassLoader sharedPluginLoader) {
      super(delegate);
      this.sharedPluginLoader = sharedPluginLoader;
    }

    StandardJavaFileManager delegate() {
      return fileManager;
    }

    // A standard file manager, as Maven's and Gradle's are: plugins may ask it for the class path
    // as paths (Lockstep keys what it keeps of the libraries by it, ADR 0019).

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(
        Iterable<? extends java.io.File> files) {
      return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(java.io.File... files) {
      return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(
        Iterable<String> names) {
      return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
      return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends java.io.File> files)
        throws IOException {
      fileManager.setLocation(location, files);
    }

    @Override
    public Iterable<? extends java.io.File> getLocation(Location location) {
      return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
      return fileManager.getLocationAsPaths(location);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
      if (sharedPluginLoader != null && location == StandardLocation.ANNOTATION_PROCESSOR_PATH) {
        return sharedPluginLoader;
      }
      return super.getClassLoader(location);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new DiscardedOutput(className.replace('.', '/') + kind.extension, kind);
    }

    @Override
    public FileObject getFileForOutput(
        Location location, String packageName, String relativeName, FileObject sibling) {
      return new DiscardedOutput(
          packageName.replace('.', '/') + "/" + relativeName, JavaFileObject.Kind.OTHER);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      // The standard manager only knows its own file objects; ours are equal only to themselves.
      if (a instanceof SimpleJavaFileObject || b instanceof SimpleJavaFileObject) {
        return a.equals(b);
      }
      return super.isSameFile(a, b);
    }
  }

  /** A class file (or other output) that javac writes completely and nobody keeps. */
  private static final class DiscardedOutput extends SimpleJavaFileObject {
    DiscardedOutput(String path, Kind kind) {
      super(URI.create("discarded:///" + path), kind);
    }

    @Override
    public OutputStream openOutputStream() {
      return OutputStream.nullOutputStream();
    }
  }
}
