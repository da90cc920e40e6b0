package test;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
/** Reads of classpath resources and files through URLs: not round trips. */
class Resources {
  void classpath(List<String> names) throws Exception {
    for (String name : names) {
      try (InputStream in = getClass().getResource(name).openStream()) {
        in.available();
      }
    }
    for (String name : names) {
      URL url = Resources.class.getClassLoader().getResource(name);
      url.openConnection().getInputStream().close();
    }
  }

  void files(List<Path> paths, List<File> files) throws Exception {
    for (Path path : paths) {
      path.toUri().toURL().openStream().close();
    }
    for (File file : files) {
      file.toURI().toURL().openStream().close();
    }
  }

  void remote(List<String> hosts) throws Exception {
    // BUG: Diagnostic contains: waits once per item (URL.openStream at Resources.java:33)
    for (String host : hosts) {
      new URL("https://" + host + "/health").openStream().close();
    }
  }

  // A non-blocking channel's read returns what is there: not a round trip.
  void pollEach(List<java.nio.channels.SocketChannel> channels, java.nio.ByteBuffer buf)
      throws Exception {
    for (java.nio.channels.SocketChannel c : channels) {
      c.configureBlocking(false);
      c.read(buf);
    }
  }

  void readEach(List<java.nio.channels.SocketChannel> channels, java.nio.ByteBuffer buf)
      throws Exception {
    // BUG: Diagnostic contains: waits once per item (SocketChannel.read at Resources.java:50)
    for (java.nio.channels.SocketChannel c : channels) {
      c.read(buf);
    }
  }

  // Every copy of a resource on the classpath (Keycloak's theme loader): local URLs, one by one.
  void everyCopy(ClassLoader loader) throws Exception {
    java.util.Enumeration<URL> resources = loader.getResources("themes.json");
    while (resources.hasMoreElements()) {
      resources.nextElement().openStream().close();
    }
    java.util.Iterator<URL> more = java.util.Collections.list(loader.getResources("x")).iterator();
    while (more.hasNext()) {
      more.next().openStream().close();
    }
  }

  // Set on each branch, local either way (Tomcat's WebappServiceLoader): the system class path or
  // the given loader's.
  void fromEitherLoader(ClassLoader loader) throws Exception {
    java.util.Enumeration<URL> found;
    if (loader == null) {
      found = ClassLoader.getSystemResources("services");
    } else {
      found = loader.getResources("services");
    }
    while (found.hasMoreElements()) {
      found.nextElement().openStream().close();
    }
  }

  // One branch local, the other the caller's list of URLs: no one origin, each may be remote.
  void fromLoaderOrList(ClassLoader loader, List<URL> urls) throws Exception {
    java.util.Enumeration<URL> found;
    if (loader == null) {
      found = java.util.Collections.enumeration(urls);
    } else {
      found = loader.getResources("services");
    }
    // BUG: Diagnostic contains: waits once per item (URL.openStream at Resources.java:90)
    while (found.hasMoreElements()) {
      found.nextElement().openStream().close();
    }
  }
}
