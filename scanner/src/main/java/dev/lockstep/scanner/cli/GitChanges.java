package dev.lockstep.scanner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code --changed-since REF}: the lines changed in the roots' git repositories since {@code REF},
 * from the {@code git} command. Changes are taken since the merge base of {@code REF} and {@code
 * HEAD}, as a pull request shows them (for {@code HEAD~1} that is {@code HEAD~1} itself), up to the
 * working tree, so uncommitted edits count; files git does not track yet count as wholly new. Any
 * failure (no git, not a repository, an unknown ref) is a {@link Common.ConfigException}.
 */
final class GitChanges {
  private GitChanges() {}

  static ChangedLines since(String ref, List<Path> roots) {
    if (ref.isBlank() || ref.startsWith("-")) {
      throw new Common.ConfigException("--changed-since: not a git revision: '" + ref + "'");
    }
    Set<Path> repositories = new LinkedHashSet<>();
    for (Path root : roots) {
      Path dir = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
      String top = git(dir, "rev-parse", "--show-toplevel").strip();
      repositories.add(Path.of(top));
    }
    ChangedLines changed = new ChangedLines();
    for (Path top : repositories) {
      String base = git(top, "merge-base", ref, "HEAD").strip();
      String diff =
          git(
              top,
              "diff",
              "--unified=0",
              "--no-color",
              "--no-ext-diff",
              "--find-renames",
              "--src-prefix=a/",
              "--dst-prefix=b/",
              base,
              "--");
      changed.addAll(UnifiedDiff.parse(diff, top));
      String untracked = git(top, "ls-files", "--others", "--exclude-standard", "-z");
      for (String name : untracked.split("\0", -1)) {
        if (!name.isEmpty()) {
          changed.addWholeFile(top.resolve(name));
        }
      }
    }
    return changed;
  }

  /** Runs git in {@code dir}; its output, or a configuration error with git's own message. */
  private static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    // Paths as they are (no octal quoting of non-ASCII names), whatever the user's config says.
    command.add("-c");
    command.add("core.quotePath=false");
    command.addAll(List.of(args));
    Path errors;
    Process process;
    try {
      // stderr to a file: read one pipe only, so a large diff cannot stall git on the other.
      errors = Files.createTempFile("lockstep-git", ".err");
      process =
          new ProcessBuilder(command)
              .directory(dir.toAbsolutePath().toFile())
              .redirectError(errors.toFile())
              .start();
    } catch (IOException e) {
      throw new Common.ConfigException("--changed-since needs git on the PATH: " + e.getMessage());
    }
    try {
      process.getOutputStream().close(); // git reads nothing from us
      String out = readAll(process.getInputStream());
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new Common.ConfigException("--changed-since: git " + args[0] + " did not finish");
      }
      if (process.exitValue() != 0) {
        String message = Files.readString(errors, StandardCharsets.UTF_8).strip();
        int nl = message.indexOf('\n');
        throw new Common.ConfigException(
            "--changed-since: git "
                + args[0]
                + " failed in "
                + dir
                + ": "
                + (nl < 0 ? message : message.substring(0, nl)));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new Common.ConfigException("--changed-since: interrupted");
    } catch (IOException e) {
      throw new Common.ConfigException("--changed-since: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(errors);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
