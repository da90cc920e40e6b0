package test;

import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.List;

/** URLs built by helpers: a jar: URL stays on this machine, an https: one does not. */
class Manifests {
  static URL jarBaseUrl(URL fileUrl) throws Exception {
    return new URL("jar", "", -1, fileUrl + "!/", null);
  }

  static URL remoteBase(String host) throws Exception {
    return new URL("https://" + host + "/");
  }

  static int parse(URL u) throws Exception {
    URLConnection uc = u.openConnection();
    try (InputStream in = uc.getInputStream()) {
      return in.available();
    }
  }

  static int loadManifest(URL baseUrl) throws Exception {
    URL u = new URL(baseUrl, "META-INF/services/x");
    return parse(u);
  }

  void jars(List<URL> urls) throws Exception {
    for (URL url : urls) {
      loadManifest(jarBaseUrl(url));
    }
    for (URL url : urls) {
      URL base = jarBaseUrl(url);
      parse(base);
    }
    for (URL url : urls) {
      jarBaseUrl(url).openStream().close();
    }
  }

  // The URL is the caller's: whether reading it is a round trip is for the callers to say.
  static void eachType(URL baseUrl, List<String> types) throws Exception {
    for (String type : types) {
      URL u = new URL(baseUrl, "META-INF/services/" + type);
      parse(u);
    }
  }

  void remote(List<String> hosts) throws Exception {
    // BUG: Diagnostic contains: waits once per item (loadManifest at Manifests.java:54 -> parse at Manifests.java:27 -> URLConnection.getInputStream at Manifests.java:20)
    for (String host : hosts) {
      loadManifest(remoteBase(host));
    }
  }
}
