package dev.lockstep.scanner.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's {@code initializationOptions}, all optional:
 *
 * <pre>{@code
 * { "classpath": ["lib/a.jar", "/abs/b.jar"] or "a.jar:b.jar",
 *   "maven": true,            // add the dependencies of the workspace's pom.xml
 *   "debounceMillis": 200 }   // how long typing must pause before an analysis
 * }</pre>
 *
 * Relative classpath entries are resolved against the workspace root.
 */
record ServerOptions(List<Path> classpath, boolean maven, long debounceMillis) {
  static final long DEFAULT_DEBOUNCE_MILLIS = 200;

  ServerOptions {
    classpath = List.copyOf(classpath);
  }

  static ServerOptions from(Object options, Path root) {
    List<Path> classpath = new ArrayList<>();
    boolean maven = false;
    long debounce = DEFAULT_DEBOUNCE_MILLIS;
    if (options instanceof JsonObject o) {
      JsonElement cp = o.get("classpath");
      if (cp instanceof JsonArray entries) {
        for (JsonElement e : entries) {
          add(classpath, root, e.getAsString());
        }
      } else if (cp != null && cp.isJsonPrimitive()) {
        for (String e : cp.getAsString().split(File.pathSeparator, -1)) {
          add(classpath, root, e);
        }
      }
      if (o.get("maven") != null && o.get("maven").isJsonPrimitive()) {
        maven = o.get("maven").getAsBoolean();
      }
      if (o.get("debounceMillis") != null && o.get("debounceMillis").isJsonPrimitive()) {
        debounce = Math.max(0, o.get("debounceMillis").getAsLong());
      }
    }
    return new ServerOptions(classpath, maven, debounce);
  }

  private static void add(List<Path> classpath, Path root, String entry) {
    if (!entry.isBlank()) {
      classpath.add(root.resolve(entry.strip()).toAbsolutePath().normalize());
    }
  }
}
