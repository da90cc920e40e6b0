package test;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
/** A retry's pause is not a per-item cost; reads of one stream through a helper are ordered. */
class Streams {
  private final Client client = new Client();
  private final InputStream shared;

  Streams(InputStream in) {
    this.shared = in;
  }

  static void readFully(InputStream in, byte[] dst) throws IOException {
    int off = 0;
    while (off < dst.length) {
      int n = in.read(dst, off, dst.length - off);
      if (n < 0) {
        throw new IOException("short read");
      }
      off += n;
    }
  }

  static void delete(String path, boolean retry) throws InterruptedException {
    if (!new java.io.File(path).delete() && retry) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(100);
        new java.io.File(path).delete();
      }
    }
  }

  void retries(List<String> paths) throws InterruptedException {
    for (String path : paths) {
      delete(path, paths.size() > 1);
    }
  }

  void oneStreamReadInChunks(InputStream in, int chunks) throws IOException {
    byte[][] data = new byte[chunks][];
    for (int k = 0; k < chunks; k++) {
      data[k] = new byte[64];
      readFully(in, data[k]);
    }
  }

  void oneFieldStream(List<byte[]> buffers) throws IOException {
    for (byte[] b : buffers) {
      readFully(shared, b);
    }
  }

  void aStreamPerItem(List<URL> urls) throws IOException {
    // BUG: Diagnostic contains: readFully at Streams.java:59 -> InputStream.read at Streams.java:18
    for (URL url : urls) {
      try (InputStream in = url.openStream()) {
        readFully(in, new byte[64]);
      }
    }
  }
}
