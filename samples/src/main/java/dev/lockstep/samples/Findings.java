package dev.lockstep.samples;

import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the samples' sources with Error Prone and Lockstep's checks — the same plugin a user's
 * build loads — and returns what Lockstep reports. Only Lockstep's checks run, so the output is
 * exactly Lockstep's findings.
 */
final class Findings {
  private Findings() {}

  /** One diagnostic of a Lockstep check. */
  record Finding(String check, Path file, long line, String kind, String message) {}

  /** Compiles every {@code .java} file under {@code sources} and collects Lockstep's findings. */
  static List<Finding> of(Path sources) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("lockstep-demo-classes");
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      String classpath = System.getProperty("java.class.path");
      List<String> options = new ArrayList<>();
      options.addAll(List.of("-classpath", classpath, "-processorpath", classpath));
      options.addAll(List.of("-d", out.toString(), "-proc:none", "-XDcompilePolicy=simple"));
      options.addAll(List.of("--should-stop=ifError=FLOW", "-XDaddTypeAnnotationsToSymbol=true"));
      options.add("-Xplugin:ErrorProne -XepDisableAllChecks " + enableLockstepChecks());
      var task =
          javac.getTask(
              new StringWriter(),
              fileManager,
              diagnostics,
              options,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      task.call();
    } finally {
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(path);
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      if (!message.startsWith("[") || diagnostic.getSource() == null) {
        continue; // javac's own notes, not a check's finding
      }
      String check = message.substring(1, message.indexOf(']'));
      findings.add(
          new Finding(
              check,
              Path.of(diagnostic.getSource().toUri()),
              diagnostic.getLineNumber(),
              diagnostic.getKind().toString().toLowerCase(Locale.ROOT),
              message.substring(message.indexOf(']') + 2)));
    }
    return findings;
  }

  /** {@code -Xep:<Name>} for every check the Lockstep jar registers, whatever their number. */
  private static String enableLockstepChecks() {
    StringBuilder flags = new StringBuilder();
    for (var provider : ServiceLoader.load(BugChecker.class).stream().toList()) {
      flags.append(" -Xep:").append(provider.type().getSimpleName());
    }
    return flags.toString().trim();
  }
}
