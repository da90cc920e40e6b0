package test;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.kohsuke.github.GHRepository;

/** Calls of the clients the catalogue knows: batch advice, a chain condition, a cached answer. */
class Clients {
  void committedEach(Consumer<String, String> consumer, List<TopicPartition> partitions) {
    // BUG: Diagnostic contains: The client has a batch call: Consumer.committed(Set<TopicPartition>) with every partition asks for all items in ≈ 1 round trip. Otherwise, independent items
    for (TopicPartition tp : partitions) {
      consumer.committed(tp);
    }
  }

  // position answers from the client's cache once it knows the position: not listed.
  void positions(Consumer<String, String> consumer, List<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      consumer.position(tp);
    }
  }

  void readEach(CuratorFramework client, List<String> paths) throws Exception {
    // BUG: Diagnostic contains: waits once per item (Curator forPath at Clients.java:28)
    for (String path : paths) {
      client.getData().forPath(path);
    }
  }

  // inBackground makes forPath return at once; the callback gets the answer.
  void readEachInBackground(CuratorFramework client, List<String> paths, Object callback)
      throws Exception {
    for (String path : paths) {
      client.getData().inBackground(callback).forPath(path);
    }
  }

  void pullRequestsOfEach(List<GHRepository> repositories) throws java.io.IOException {
    // BUG: Diagnostic contains: waits once per item (PagedIterable.toList (fetches every page) at
    for (GHRepository repository : repositories) {
      repository.listPullRequests().toList();
    }
  }

  // Iterating a PagedIterable fetches the next page when the loop needs it: a cursor.
  void pullRequestsOfOne(GHRepository repository) {
    for (String pullRequest : repository.listPullRequests()) {
      System.out.println(pullRequest);
    }
  }

  void connectEach(io.netty.bootstrap.Bootstrap bootstrap, List<java.net.SocketAddress> peers)
      throws InterruptedException {
    // BUG: Diagnostic contains: waits once per item (Future.sync at
    for (java.net.SocketAddress peer : peers) {
      bootstrap.connect(peer).sync();
    }
  }

  // Binding a local port completes on this machine (Artemis' acceptors, one per host).
  void bindEach(io.netty.bootstrap.Bootstrap bootstrap, List<java.net.SocketAddress> hosts) {
    for (java.net.SocketAddress host : hosts) {
      bootstrap.bind(host).syncUninterruptibly();
    }
  }
}
