package org.apache.kafka.clients.consumer;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** The shape of Kafka's consumer: the calls the catalogue names. */
public interface Consumer<K, V> {
  Object committed(TopicPartition partition);

  Map<TopicPartition, Object> committed(Set<TopicPartition> partitions);

  long position(TopicPartition partition);
}
