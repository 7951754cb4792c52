package io.smsconversations.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smsconversations.testing.SuiteInfrastructure;

/**
 * Everything a topic holds up to its end offsets taken now: every record acknowledged before the call, read to the
 * end instead of for a fixed window. "Nothing of the refused requests was published" is proved by reading past a
 * control that was accepted (and acknowledged) after them: what the gateway published for a refused request, before
 * answering it, is acknowledged before the control and so below these offsets. A fixed quiet window proved no more
 * and cost four seconds each time.
 */
public final class PublishedSoFar {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private PublishedSoFar() {
    }

    /** The {@code ce_subject} of every record on {@code topic} so far whose value or subject {@code matching} takes. */
    public static List<String> subjects(String topic, Predicate<Record> matching) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, LIMIT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LIMIT);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, LIMIT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in " + LIMIT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Record read = new Record(subject(record), record.value());
                    if (matching.test(read)) {
                        found.add(read.subject());
                    }
                }
            }
        }
        return found;
    }

    /** What a test may match on: the CloudEvents subject and the raw value. */
    public record Record(String subject, String value) {
    }

    private static String subject(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("ce_subject");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
