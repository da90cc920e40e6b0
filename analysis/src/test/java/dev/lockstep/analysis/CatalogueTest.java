package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.CatalogueException;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CatalogueTest {
  private static CallSite call(MethodRef target, String receiverType, String... owners) {
    return CallSite.simple(
            target,
            Receiver.of(ReceiverKind.FIELD, "x", receiverType),
            new Location("A.java", 1, 1))
        .withMatchOwners(Set.of(owners));
  }

  private static Optional<WaitTag> tag(Catalogue catalogue, CallSite call) {
    return catalogue.match(call).map(CatalogueEntry::tag);
  }

  @Test
  void theSameTextReadTwiceIsTheSameCatalogue() {
    String text = "java.lang.Thread sleep (long) pacing Thread.sleep\n";
    Catalogue first = Catalogue.parse("a.tsv", new StringReader(text));
    Catalogue again = Catalogue.parse("a.tsv", new StringReader(text));
    Catalogue other = Catalogue.parse("a.tsv", new StringReader(text.replace("pacing", "latency")));

    assertThat(again).isEqualTo(first);
    assertThat(again.hashCode()).isEqualTo(first.hashCode());
    assertThat(other).isNotEqualTo(first);
    assertThat(first.plus(other)).isNotEqualTo(first);
  }

  @Test
  void builtinKnowsTheIssuesWaits() {
    Catalogue builtin = Catalogue.builtin();
    assertThat(
            tag(
                builtin,
                call(
                    MethodRef.of(
                        "java.net.http.HttpClient",
                        "send",
                        "java.net.http.HttpRequest",
                        "java.net.http.HttpResponse.BodyHandler"),
                    "java.net.http.HttpClient",
                    "java.net.http.HttpClient")))
        .hasValue(WaitTag.LATENCY);
    assertThat(
            tag(
                builtin,
                call(
                    MethodRef.of("java.net.http.HttpClient", "sendAsync", "a", "b"),
                    "java.net.http.HttpClient")))
        .hasValue(WaitTag.NONE);
    assertThat(
            tag(
                builtin,
                call(
                    MethodRef.of("java.util.concurrent.Future", "get"),
                    "java.util.concurrent.Future")))
        .hasValue(WaitTag.AWAIT);
    assertThat(tag(builtin, call(MethodRef.of("java.lang.Thread", "sleep", "long"), "")))
        .hasValue(WaitTag.PACING);
    assertThat(builtin.entries().size()).isGreaterThan(100);
  }

  @Test
  void matchesThroughSupertypes() {
    Catalogue builtin = Catalogue.builtin();
    // A call on HttpsURLConnection, declared in URLConnection.
    CallSite https =
        call(
            MethodRef.of("java.net.URLConnection", "getInputStream"),
            "javax.net.ssl.HttpsURLConnection",
            "javax.net.ssl.HttpsURLConnection",
            "java.net.HttpURLConnection",
            "java.net.URLConnection",
            "java.lang.Object");
    assertThat(tag(builtin, https)).hasValue(WaitTag.LATENCY);
    // A subclass of Jedis: every method is a round trip, but not close() or toString().
    CallSite sub =
        call(
            MethodRef.of("com.acme.MyJedis", "get", "java.lang.String"),
            "com.acme.MyJedis",
            "com.acme.MyJedis",
            "redis.clients.jedis.Jedis");
    assertThat(tag(builtin, sub)).hasValue(WaitTag.LATENCY);
    CallSite close =
        call(
            MethodRef.of("com.acme.MyJedis", "close"),
            "com.acme.MyJedis",
            "redis.clients.jedis.Jedis");
    assertThat(tag(builtin, close)).hasValue(WaitTag.NONE);
    CallSite string =
        call(
            MethodRef.of("java.lang.Object", "toString"),
            "com.acme.MyJedis",
            "redis.clients.jedis.Jedis");
    assertThat(tag(builtin, string)).isEmpty();
  }

  @Test
  void exactReceiverEntriesIgnoreSubtypes() {
    Catalogue builtin = Catalogue.builtin();
    MethodRef read = MethodRef.of("java.io.InputStream", "read", "byte[]");
    assertThat(tag(builtin, call(read, "java.io.InputStream", "java.io.InputStream")))
        .hasValue(WaitTag.CHANNEL);
    assertThat(
            tag(
                builtin,
                call(
                    read,
                    "java.io.ByteArrayInputStream",
                    "java.io.ByteArrayInputStream",
                    "java.io.InputStream")))
        .isEmpty();
  }

  @Test
  void laterAndMoreSpecificEntriesWin() {
    Catalogue user =
        Catalogue.parse(
            "mine.tsv",
            new StringReader(
                """
                # users may override built-in entries
                java.net.http.HttpClient  send  *  none  not in tests
                com.acme.Rpc  fetch*  *  latency  Rpc
                com.acme.Rpc  fetchLocal  ()  none  Rpc.fetchLocal
                """));
    Catalogue all = Catalogue.builtin().plus(user);
    assertThat(tag(all, call(MethodRef.of("java.net.http.HttpClient", "send", "a", "b"), "x")))
        .hasValue(WaitTag.NONE);
    CatalogueEntry family =
        all.match(call(MethodRef.of("com.acme.Rpc", "fetchUser", "long"), "com.acme.Rpc"))
            .orElseThrow();
    assertThat(family.labelFor(MethodRef.of("com.acme.Rpc", "fetchUser", "long")))
        .isEqualTo("Rpc.fetchUser");
    assertThat(family.source()).isEqualTo("mine.tsv:3");
    assertThat(tag(all, call(MethodRef.of("com.acme.Rpc", "fetchLocal"), "com.acme.Rpc")))
        .hasValue(WaitTag.NONE);
  }

  @Test
  void badLinesNameFileAndLine() {
    CatalogueException tag =
        assertThrows(
            CatalogueException.class,
            () ->
                Catalogue.parse(
                    "bad.tsv", new StringReader("# ok\n\ncom.acme.Rpc call * sometimes Rpc\n")));
    assertThat(tag).hasMessageThat().contains("bad.tsv:3: unknown tag 'sometimes'");
    CatalogueException fields =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("short.tsv", new StringReader("com.acme.Rpc call\n")));
    assertThat(fields).hasMessageThat().contains("short.tsv:1");
    CatalogueException params =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("p.tsv", new StringReader("a.B c (int, long) latency L\n")));
    assertThat(params).hasMessageThat().contains("p.tsv:1: parameters");
    CatalogueException missing =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.load(java.nio.file.Path.of("/nonexistent/waits.tsv")));
    assertThat(missing).hasMessageThat().contains("/nonexistent/waits.tsv");
  }

  @Test
  void optionsAfterTheLabelNameABatchCallAndAChainThatRulesTheEntryOut() {
    Catalogue catalogue =
        Catalogue.parse(
            "c.tsv",
            new StringReader(
                """
                a.Client read * latency Client.read [batch: Client.readAll(ids)]
                a.Builder forPath * latency forPath [unless: inBackground,async]
                """));
    CatalogueEntry read = catalogue.entries().get(0);
    assertThat(read.label()).isEqualTo("Client.read");
    assertThat(read.batch()).hasValue("Client.readAll(ids)");
    CatalogueEntry forPath = catalogue.entries().get(1);
    assertThat(forPath.label()).isEqualTo("forPath");
    assertThat(forPath.unlessChained()).containsExactly("inBackground", "async");

    MethodRef target = MethodRef.of("a.Builder", "forPath", "java.lang.String");
    CallSite plain =
        CallSite.simple(
                target,
                new Receiver(
                    ReceiverKind.FRESH,
                    "",
                    "a.Builder",
                    Optional.of(MethodRef.of("a.Client", "getData")),
                    ReceiverKind.FIELD),
                new Location("A.java", 1, 1))
            .withMatchOwners(Set.of("a.Builder"));
    CallSite background =
        CallSite.simple(
                target,
                new Receiver(
                    ReceiverKind.FRESH,
                    "",
                    "a.Builder",
                    Optional.of(MethodRef.of("a.Builder", "inBackground", "java.lang.Object")),
                    ReceiverKind.FIELD,
                    ReceiverKind.FRESH,
                    List.of(
                        MethodRef.of("a.Client", "getData"),
                        MethodRef.of("a.Builder", "inBackground", "java.lang.Object"))),
                new Location("A.java", 2, 1))
            .withMatchOwners(Set.of("a.Builder"));
    assertThat(tag(catalogue, plain)).hasValue(WaitTag.LATENCY);
    assertThat(tag(catalogue, background)).isEmpty();
  }

  @Test
  void aMalformedOptionIsAnErrorNamingTheLine() {
    CatalogueException empty =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("c.tsv", new StringReader("a.B m * latency B.m [batch: ]\n")));
    assertThat(empty).hasMessageThat().contains("c.tsv:1");
    assertThat(empty).hasMessageThat().contains("empty [batch:] option");
    CatalogueException noLabel =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("c.tsv", new StringReader("a.B m * latency [batch: B.all()]\n")));
    assertThat(noLabel).hasMessageThat().contains("the label must come first");
    CatalogueException unknown =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("c.tsv", new StringReader("a.B m * latency B.m [bacth: x]\n")));
    assertThat(unknown).hasMessageThat().contains("the label must come first");
  }

  @Test
  void callbackAndAsyncEntriesStartARequestPerCall() {
    Catalogue catalogue =
        Catalogue.parse(
            "c.tsv",
            new StringReader(
                """
                a.Zk getData (java.lang.String,boolean) latency Zk.getData
                a.Zk getData (java.lang.String,boolean,a.Cb,java.lang.Object) none Zk.getData [callback]
                a.Http sendAsync * none Http.sendAsync [async]
                a.Ratis * * none Ratis [async]
                a.Zk delete * none Zk.delete [callback]
                a.Zk delete * latency Zk.delete
                """));
    CatalogueEntry callback = catalogue.entries().get(1);
    assertThat(callback.label()).isEqualTo("Zk.getData");
    assertThat(callback.callback()).isTrue();
    assertThat(callback.async()).isFalse();
    assertThat(catalogue.entries().get(2).async()).isTrue();
    assertThat(catalogue.entries().get(2).callback()).isFalse();

    // The cheap filter: exact names of [async]/[callback] entries, no family.
    assertThat(catalogue.mayStartRequest("getData")).isTrue();
    assertThat(catalogue.mayStartRequest("sendAsync")).isTrue();
    assertThat(catalogue.mayStartRequest("send")).isFalse();
    assertThat(catalogue.requestOwnersOf("getData")).containsExactly("a.Zk");

    MethodRef withCallback =
        MethodRef.of("a.Zk", "getData", "java.lang.String", "boolean", "a.Cb", "java.lang.Object");
    MethodRef blocking = MethodRef.of("a.Zk", "getData", "java.lang.String", "boolean");
    assertThat(catalogue.request(withCallback, Set.of())).hasValue(callback);
    // A subclass's call is known by the catalogue's owner among its match owners.
    MethodRef inSubclass =
        MethodRef.of(
            "a.ZkClient", "getData", "java.lang.String", "boolean", "a.Cb", "java.lang.Object");
    assertThat(catalogue.request(inSubclass, Set.of("a.ZkClient", "a.Zk"))).hasValue(callback);
    assertThat(catalogue.request(inSubclass, Set.of("a.ZkClient"))).isEmpty();
    assertThat(catalogue.request(blocking, Set.of("a.Zk"))).isEmpty();
    assertThat(catalogue.request(MethodRef.of("a.Http", "sendAsync", "a.Req"), Set.of()))
        .isPresent();
    // A family is never asked; a later entry of the same specificity overrides (a user's file).
    assertThat(catalogue.request(MethodRef.of("a.Ratis", "sendAsync"), Set.of())).isEmpty();
    assertThat(catalogue.request(MethodRef.of("a.Zk", "delete", "java.lang.String"), Set.of()))
        .isEmpty();
    // A callback call is never a wait by itself.
    assertThat(tag(catalogue, call(withCallback, "a.Zk", "a.Zk"))).hasValue(WaitTag.NONE);
    assertThat(catalogue.startsRoundTrip(withCallback)).isFalse();

    CatalogueEntry toServer =
        Catalogue.parse(
                "c.tsv",
                new StringReader("a.Bookie read * none Bookie.read [callback] [server: 1]\n"))
            .entries()
            .get(0);
    assertThat(toServer.serverParam()).isEqualTo(1);
    assertThat(toServer.label()).isEqualTo("Bookie.read");
    assertThat(callback.serverParam()).isEqualTo(0);
    CatalogueException zero =
        assertThrows(
            CatalogueException.class,
            () -> Catalogue.parse("c.tsv", new StringReader("a.B m * none B.m [server: 0]\n")));
    assertThat(zero).hasMessageThat().contains("[server: n] names a parameter");

    CatalogueException both =
        assertThrows(
            CatalogueException.class,
            () ->
                Catalogue.parse(
                    "c.tsv", new StringReader("a.B m * none B.m [async] [callback]\n")));
    assertThat(both).hasMessageThat().contains("c.tsv:1");
  }

  @Test
  void builtinKnowsTheCallbackRequestsOfZooKeeperAndBookKeeper() {
    Catalogue builtin = Catalogue.builtin();
    MethodRef zkRead =
        MethodRef.of(
            "org.apache.zookeeper.ZooKeeper",
            "getData",
            "java.lang.String",
            "boolean",
            "org.apache.zookeeper.AsyncCallback.DataCallback",
            "java.lang.Object");
    assertThat(builtin.request(zkRead, Set.of()).map(CatalogueEntry::callback)).hasValue(true);
    MethodRef zkBlocking =
        MethodRef.of(
            "org.apache.zookeeper.ZooKeeper",
            "getData",
            "java.lang.String",
            "boolean",
            "org.apache.zookeeper.data.Stat");
    assertThat(builtin.request(zkBlocking, Set.of())).isEmpty();
    MethodRef readEntry =
        MethodRef.of(
            "org.apache.bookkeeper.proto.BookieClient",
            "readEntry",
            "org.apache.bookkeeper.net.BookieId",
            "long",
            "long",
            "org.apache.bookkeeper.proto.BookkeeperInternalCallbacks.ReadEntryCallback",
            "java.lang.Object",
            "int");
    assertThat(builtin.request(readEntry, Set.of()).map(CatalogueEntry::label))
        .hasValue("BookieClient.readEntry");
    assertThat(builtin.request(readEntry, Set.of()).map(CatalogueEntry::serverParam)).hasValue(1);
  }
}
