package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FakeConcurrency} and {@code OversizedWindow} through the CLI: the numbers (window,
 * effective parallelism, bottleneck) and the chain reach the JSON report, the SARIF rules and
 * {@code lockstep doc}. The sources are the parity corpus' (the checker's own test sources).
 */
final class ConcurrencyScanTest {
  @TempDir Path dir;

  private Path corpus(String name) throws IOException {
    return ParityTest.materialize(name, dir.resolve(name));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private JsonArray jsonFindings(Path src) throws IOException {
    Path report = dir.resolve("report.json");
    assertThat(
            Lockstep.run("scan", "--format", "json", "--output", report.toString(), src.toString()))
        .isEqualTo(Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, read(report))).isEmpty();
    return JsonParser.parseString(read(report)).getAsJsonObject().getAsJsonArray("findings");
  }

  /** The findings of one check. */
  private static JsonArray only(JsonArray findings, String check) {
    JsonArray kept = new JsonArray();
    for (JsonElement f : findings) {
      if (f.getAsJsonObject().get("check").getAsString().equals(check)) {
        kept.add(f);
      }
    }
    return kept;
  }

  private static List<String> hops(JsonArray chain) {
    List<String> hops = new ArrayList<>();
    for (JsonElement e : chain) {
      JsonObject hop = e.getAsJsonObject();
      String file = Path.of(hop.get("file").getAsString()).getFileName().toString();
      hops.add(hop.get("method").getAsString() + " " + file + ":" + hop.get("line").getAsInt());
    }
    return hops;
  }

  @Test
  void fakeConcurrencyInJson() throws IOException {
    JsonArray findings = jsonFindings(corpus("fakeBoundedWindow"));
    assertThat(findings.size()).isEqualTo(2);
    JsonObject first = findings.get(0).getAsJsonObject();
    assertThat(first.get("check").getAsString()).isEqualTo("FakeConcurrency");
    assertThat(first.get("line").getAsInt()).isEqualTo(8);
    assertThat(first.get("window").getAsInt()).isEqualTo(5);
    assertThat(first.get("effectiveParallelism").getAsInt()).isEqualTo(1);
    assertThat(first.get("bottleneck").getAsString()).isEqualTo("'session'");
    assertThat(first.get("message").getAsString())
        .contains("5 workers, effective parallelism 1: each task reaches RelaySession.publish");
    // The pipeline, the call into the lock, the lock, and the wait it is held across.
    assertThat(hops(first.getAsJsonArray("chain")))
        .containsExactly(
            "publishAll Groups.java:8",
            "session.publish Groups.java:8",
            "RelaySession.publish RelaySession.java:10",
            "post RelaySession.java:11",
            "HttpClient.send RelaySession.java:14")
        .inOrder();
    JsonObject second = findings.get(1).getAsJsonObject();
    assertThat(second.get("line").getAsInt()).isEqualTo(13);
    assertThat(second.get("window").getAsInt()).isEqualTo(3);
    assertThat(second.get("effectiveParallelism").getAsInt()).isEqualTo(1);
  }

  @Test
  void executorOfAnotherObjectIsFoundThroughTheSolver() throws IOException {
    // The pool is another object's field: its name binds to no declaration in Sub, so its
    // initialiser (and so the window) is found by resolving where it is named.
    Path src = corpus("fakeExecutors");
    Files.writeString(
        src.resolve("test/Base.java"),
        """
        package test;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        class Base {
          final ExecutorService workers = Executors.newFixedThreadPool(7);
        }
        """,
        StandardCharsets.UTF_8);
    Files.writeString(
        src.resolve("test/Sub.java"),
        """
        package test;
        import java.util.List;
        class Sub {
          private static final Object GATE = new Object();
          private final Base base = new Base();
          private final Client client = new Client();
          void send(String id) {
            synchronized (GATE) {
              try { client.send(id); } catch (Exception e) { }
            }
          }
          void all(List<String> ids) {
            for (String id : ids) {
              base.workers.submit(() -> send(id));
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    List<String> inSub = new ArrayList<>();
    for (JsonElement e : jsonFindings(src)) {
      JsonObject finding = e.getAsJsonObject();
      if (finding.get("file").getAsString().endsWith("Sub.java")) {
        inSub.add(
            finding.get("check").getAsString()
                + " "
                + finding.get("line").getAsInt()
                + " "
                + finding.get("window").getAsInt());
      }
    }
    assertThat(inSub).containsExactly("FakeConcurrency 14 7");
  }

  @Test
  void oversizedWindowInJson() throws IOException {
    JsonArray findings = jsonFindings(corpus("oversizedIdentification"));
    List<String> numbers = new ArrayList<>();
    for (JsonElement e : findings) {
      JsonObject f = e.getAsJsonObject();
      assertThat(f.get("check").getAsString()).isEqualTo("OversizedWindow");
      numbers.add(
          f.get("line").getAsInt()
              + ": k="
              + f.get("window").getAsInt()
              + " p="
              + f.get("effectiveParallelism").getAsInt()
              + " "
              + f.get("bottleneck").getAsString());
    }
    assertThat(numbers)
        .containsExactly(
            "15: k=8 p=2 ErpGateway",
            "32: k=10 p=3 semaphore 'permits'",
            "37: k=8 p=4 executor 'backend'",
            "41: k=8 p=2 ErpGateway")
        .inOrder();
    JsonObject declared = findings.get(0).getAsJsonObject();
    assertThat(hops(declared.getAsJsonArray("chain")))
        .containsAtLeast("declared Orders.java:15", "HttpClient.send Client.java:9")
        .inOrder();
  }

  @Test
  void coresOptionSizesParallelStreams() throws IOException {
    // ErpGateway admits 2; a parallel stream on 8 cores is oversized, on 2 it is not.
    // (Its round trips also block the common pool: BlockingOnCommonPool, whatever the cores.)
    Path src = corpus("oversizedCoresFlagSmallMachine");
    JsonArray findings = only(jsonFindings(src), "OversizedWindow");
    assertThat(findings.size()).isEqualTo(1);
    assertThat(findings.get(0).getAsJsonObject().get("window").getAsInt()).isEqualTo(8);
    Path report = dir.resolve("cores2.json");
    Lockstep.run(
        "scan", "--cores", "2", "--format", "json", "--output", report.toString(), src.toString());
    assertThat(
            only(
                JsonParser.parseString(read(report)).getAsJsonObject().getAsJsonArray("findings"),
                "OversizedWindow"))
        .isEmpty();
    assertThat(Lockstep.run("scan", "--cores", "0", src.toString())).isEqualTo(Lockstep.USAGE);
  }

  @Test
  void sarifDescribesAllThreeChecks() throws IOException {
    Path src = corpus("fakeBoundedWindow");
    Path report = dir.resolve("report.sarif");
    Lockstep.run("scan", "--format", "sarif", "--output", report.toString(), src.toString());
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, read(report))).isEmpty();
    JsonObject run =
        JsonParser.parseString(read(report))
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    List<String> ids = new ArrayList<>();
    for (JsonElement r : rules) {
      JsonObject rule = r.getAsJsonObject();
      String id = rule.get("id").getAsString();
      ids.add(id);
      assertThat(rule.get("helpUri").getAsString()).endsWith("src/docs/checks/" + id + ".md");
      assertThat(rule.getAsJsonObject("help").get("text").getAsString()).isNotEqualTo(id);
    }
    assertThat(ids).containsAtLeast("SerialAwaitInLoop", "FakeConcurrency", "OversizedWindow");
    JsonObject result = run.getAsJsonArray("results").get(0).getAsJsonObject();
    assertThat(result.get("ruleId").getAsString()).isEqualTo("FakeConcurrency");
    assertThat(
            rules.get(result.get("ruleIndex").getAsInt()).getAsJsonObject().get("id").getAsString())
        .isEqualTo("FakeConcurrency");
  }

  @Test
  void docShowsEffectiveParallelismPerPipeline() throws IOException {
    Path src = corpus("fakeBoundedWindow");
    Path docs = dir.resolve("docs");
    assertThat(Lockstep.run("doc", "--output-dir", docs.toString(), src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    String md = read(docs.resolve("concurrency-map.md"));
    assertThat(md)
        .containsMatch(
            "\\| `BoundedWindow` \\| `test.Groups#publishAll` \\| 5 \\| 1 \\| 'session' \\|"
                + " \\*\\*FakeConcurrency\\*\\* .*Groups.java:8\\]");
    assertThat(md)
        .containsMatch(
            "\\| `BoundedWindow` \\| `test.Groups#configured` \\| 3 \\| 1 \\| 'session' \\|");
    assertThat(md).contains("(window 5, effective parallelism 1)");
    assertThat(md).containsMatch("  - HttpClient.send at \\[[^]]*RelaySession.java:14\\]");

    JsonObject root =
        JsonParser.parseString(read(docs.resolve("concurrency-map.json"))).getAsJsonObject();
    JsonObject pipeline = root.getAsJsonArray("pipelines").get(0).getAsJsonObject();
    assertThat(pipeline.get("kind").getAsString()).isEqualTo("BoundedWindow");
    assertThat(pipeline.get("window").getAsInt()).isEqualTo(5);
    assertThat(pipeline.get("effectiveParallelism").getAsInt()).isEqualTo(1);
    assertThat(pipeline.get("finding").getAsString()).isEqualTo("FakeConcurrency");
    JsonObject finding = root.getAsJsonArray("findings").get(0).getAsJsonObject();
    assertThat(finding.get("effectiveParallelism").getAsInt()).isEqualTo(1);
    assertThat(hops(finding.getAsJsonArray("chain")))
        .contains("HttpClient.send RelaySession.java:14");
  }

  @Test
  void docShowsParallelismGivenByAConstant() throws IOException {
    Path src = corpus("oversizedDeclaredByConstant");
    Files.writeString(
        src.resolve("test/Pools.java"),
        """
        package test;
        import static test.Limits.PER_TENANT;
        import dev.lockstep.annotations.ResourceParallelism;
        class Pools {
          static final int MAX_CONNECTIONS = 8;
          @ResourceParallelism(MAX_CONNECTIONS)
          Object database;
          @ResourceParallelism(value = PER_TENANT + 2, reason = "per tenant")
          Object tenant;
          @ResourceParallelism(4)
          Object literal;
          @ResourceParallelism(Integer.MAX_VALUE)
          Object jdkConstant;
        }
        """);
    Path docs = dir.resolve("docs");
    Lockstep.run("doc", "--output-dir", docs.toString(), src.toString());
    String md = read(docs.resolve("concurrency-map.md"));
    // Folded as the compiler folds it (Limits.PER_TENANT * 2), the constant named beside it.
    assertThat(md).contains("| `test.Gateway` | type | 2 (`Gateway.SESSIONS`) | the licence");
    assertThat(md).contains("| `test.Pools#database` | field | 8 (`MAX_CONNECTIONS`) |");
    assertThat(md).contains("| `test.Pools#tenant` | field | 3 (`PER_TENANT + 2`) |");
    assertThat(md).contains("| `test.Pools#literal` | field | 4 |");
    // A constant of a library (here the JDK) is not evaluated, by the analysis either: named only.
    assertThat(md).contains("| `test.Pools#jdkConstant` | field | ? (`Integer.MAX_VALUE`) |");

    JsonArray declared =
        JsonParser.parseString(read(docs.resolve("concurrency-map.json")))
            .getAsJsonObject()
            .getAsJsonArray("declarations");
    List<String> parallelism = new ArrayList<>();
    for (JsonElement e : declared) {
      JsonObject d = e.getAsJsonObject();
      parallelism.add(
          d.get("element").getAsString()
              + " "
              + (d.has("parallelism") ? d.get("parallelism").getAsInt() : "-")
              + " "
              + (d.has("parallelismConstant") ? d.get("parallelismConstant").getAsString() : "-"));
    }
    assertThat(parallelism)
        .containsAtLeast(
            "test.Gateway 2 Gateway.SESSIONS",
            "test.Pools#database 8 MAX_CONNECTIONS",
            "test.Pools#literal 4 -",
            "test.Pools#jdkConstant - Integer.MAX_VALUE");
  }

  @Test
  void docShowsCleanPipelinesWithTheirNumbers() throws IOException {
    Path src = corpus("concurrencyNegatives");
    Path docs = dir.resolve("docs");
    Lockstep.run("doc", "--output-dir", docs.toString(), src.toString());
    String md = read(docs.resolve("concurrency-map.md"));
    // Eight permits for five workers: the semaphore is no bottleneck.
    assertThat(md)
        .contains(
            "| `BoundedWindow` | `test.Fine#enoughPermits` | 5 | 5 | Fine.enoughPermits |"
                + " none: semaphore 'permits' admits 8 of 5 workers |");
    // A single-thread executor: k = 1 is confinement.
    assertThat(md)
        .containsMatch(
            "\\| `executor` \\| `test.Fine#singleThreadIsConfinement` \\| 1 \\| 1 \\| .* \\|"
                + " none: one worker: confinement, not concurrency \\|");
    assertThat(md).doesNotContain("FakeConcurrency**");
  }

  @Test
  void docShowsSemaphoreGatesAndThreadsPerItem() throws IOException {
    Path src = corpus("fakeSemaphoreGatedPipelines");
    Path docs = dir.resolve("docs");
    Lockstep.run("doc", "--output-dir", docs.toString(), src.toString());
    String md = read(docs.resolve("concurrency-map.md"));
    // The semaphore, not the unbounded virtual threads, is the window.
    assertThat(md)
        .containsMatch(
            "\\| `semaphore gate` \\| `test.Gated#threadPerItem` \\| 8 \\| 1 \\| 'session' \\|"
                + " \\*\\*FakeConcurrency\\*\\*");
    assertThat(md)
        .containsMatch(
            "\\| `semaphore gate` \\| `test.Gated#gateOnly` \\| 8 \\| 8 \\| .* \\| none: ");
    assertThat(md)
        .containsMatch(
            "\\| `executor` \\| `test.Gated#ungatedThreads` \\| unbounded \\| 1 \\| 'session' \\|");
  }

  @Test
  void docShowsThreadsPerItemStartedByHand() throws IOException {
    Path src = corpus("fakeThreadPerItemHelpers");
    Path docs = dir.resolve("docs");
    Lockstep.run("doc", "--output-dir", docs.toString(), src.toString());
    String md = read(docs.resolve("concurrency-map.md"));
    // Behind a helper: the pipeline is the call in the loop, its width not known, its tasks serial.
    assertThat(md)
        .contains(
            "| `thread per item` | `test.Loaders#behindAHelper` | ? \\(new Thread\\(…\\).start\\(\\)"
                + " in startLoader \\(fakeThreadPerItemHelpers/test/Loaders.java:44\\)\\) | 1 |"
                + " 'LOCK' | **FakeConcurrency**");
    // No shared lock: listed, width not known, nothing limits it.
    assertThat(md)
        .contains(
            "| `thread per item` | `test.Quiet#noLock` | ? \\(new Thread\\(…\\).start\\(\\) in"
                + " startFetcher \\(fakeThreadPerItemHelpers/test/Quiet.java:86\\)\\) | ? | none |"
                + " none: no task reaches a lock shared by all tasks");
  }

  @Test
  void docEscapesPipelineTextFromSource() throws IOException {
    Path src = corpus("fakeBoundedWindow");
    Files.writeString(
        src.resolve("test/Sized.java"),
        """
        package test;
        import java.util.List;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        class Sized {
          private final RelaySession session = new RelaySession();
          void run(List<String> groups, Map<String, Integer> sizes) {
            ExecutorService pool = Executors.newFixedThreadPool(sizes.get("<b>|x|</b>"));
            for (String g : groups) {
              pool.submit(() -> { session.publish(g, "m"); return g; });
            }
          }
        }
        """);
    Path docs = dir.resolve("docs");
    Lockstep.run("doc", "--output-dir", docs.toString(), src.toString());
    String md = read(docs.resolve("concurrency-map.md"));
    assertThat(md).doesNotContain("<b>");
    assertThat(md)
        .contains("| `executor` | `test.Sized#run` | ? \\('sizes.get\\(&quot;&lt;b&gt;\\|x\\|");
    assertThat(md).containsMatch("\\*\\*FakeConcurrency\\*\\* at \\[[^]]*Sized.java:11\\]");
  }
}
