package dev.lockstep.classfiles;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope and write discipline every on-disk cache shares (ADR 0015, ADR 0016). */
class CacheFileTest {
  private static final int MAGIC = 0x54455354;

  @TempDir Path dir;

  @Test
  void aWholeFileIsReadBackAndAnythingElseIsNothing() throws IOException {
    Path file = dir.resolve("sub/a.cache");
    byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
    assertThat(CacheFile.read(file, MAGIC, 1, "k")).isEmpty();
    assertThat(CacheFile.rejected(file, MAGIC, 1, "k")).isFalse(); // absent is not rejected

    assertThat(CacheFile.write(file, MAGIC, 1, "k", payload)).isTrue();
    assertThat(CacheFile.read(file, MAGIC, 1, "k").orElseThrow()).isEqualTo(payload);
    assertThat(CacheFile.read(file, MAGIC, 2, "k")).isEmpty(); // another format
    assertThat(CacheFile.read(file, MAGIC, 1, "other")).isEmpty(); // another key
    assertThat(CacheFile.rejected(file, MAGIC, 2, "k")).isTrue();

    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 3)); // truncated
    assertThat(CacheFile.read(file, MAGIC, 1, "k")).isEmpty();
    whole[whole.length - 10] ^= 1; // one bit of the payload flipped
    Files.write(file, whole);
    assertThat(CacheFile.read(file, MAGIC, 1, "k")).isEmpty();
  }

  @Test
  void concurrentWritersLeaveReadersAWholeFileEveryTime() throws Exception {
    Path file = dir.resolve("shared.cache");
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] p = new byte[200_000 + i * 1_000];
      Arrays.fill(p, (byte) i);
      payloads.add(p);
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (byte[] p : payloads) {
        writers.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 25; n++) {
                    assertThat(CacheFile.write(file, MAGIC, 1, "k", p)).isTrue();
                  }
                }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int whole = 0;
                  while (writers.stream().anyMatch(w -> !w.isDone())) {
                    Optional<byte[]> read = CacheFile.read(file, MAGIC, 1, "k");
                    if (read.isPresent()) {
                      byte[] bytes = read.orElseThrow();
                      assertThat(payloads.stream().anyMatch(p -> Arrays.equals(p, bytes))).isTrue();
                      whole++;
                    }
                  }
                  return whole;
                }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
      for (Future<Integer> r : readers) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
    byte[] last = CacheFile.read(file, MAGIC, 1, "k").orElseThrow();
    assertThat(payloads.stream().anyMatch(p -> Arrays.equals(p, last))).isTrue();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .containsExactly("shared.cache"); // no temporary file left behind
    }
  }
}
