package io.smsconversations.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes events to and reads them back from the real broker in tests. Reads start at the beginning of the topic
 * with a group of their own, so a test sees everything, and filters by what it is about (a key, an id).
 */
public final class KafkaTestClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** A client of the JVM's shared broker. */
    public static KafkaTestClient forSuite() {
        return new KafkaTestClient(SuiteInfrastructure.get().kafkaBootstrapServers());
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Publishes {@code payload} as a binary-mode CloudEvent, as the services do; a null payload is a tombstone. */
    public void publishEvent(String topic, String key, String id, String type, Object payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key,
                payload == null ? null : payload instanceof String text ? text : toJson(payload));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/sms-conversations/tests");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        send(record);
    }

    /** Publishes a raw value with no CloudEvents headers (for poison-message tests). */
    public void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Publishes {@code value} with exactly {@code headers} (for tests of broken CloudEvents headers). */
    public void publishWithHeaders(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> header(record, name, text));
        send(record);
    }

    /** Waits until {@code count} records of {@code topic} match, and returns every match seen by then. */
    public List<CloudEventRecord> await(String topic, Predicate<CloudEventRecord> matching, int count, Duration timeout) {
        List<CloudEventRecord> found = readUntil(topic, matching, count, timeout);
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " matching record(s) on " + topic + " within " + timeout
                    + ", found " + found.size() + ": " + found);
        }
        return found;
    }

    public CloudEventRecord awaitOne(String topic, Predicate<CloudEventRecord> matching, Duration timeout) {
        return await(topic, matching, 1, timeout).get(0);
    }

    /** Every matching record that arrives within {@code window} (use to prove that nothing, or one only, arrived). */
    public List<CloudEventRecord> collect(String topic, Predicate<CloudEventRecord> matching, Duration window) {
        return readUntil(topic, matching, Integer.MAX_VALUE, window);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private List<CloudEventRecord> readUntil(String topic, Predicate<CloudEventRecord> matching, int count,
            Duration timeout) {
        List<CloudEventRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    CloudEventRecord event = CloudEventRecord.of(record);
                    if (matching.test(event)) {
                        found.add(event);
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<String, String> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
