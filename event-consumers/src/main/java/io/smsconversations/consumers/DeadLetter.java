package io.smsconversations.consumers;

import io.smsconversations.events.LogSafe;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * A record on its way to the dead-letter topic {@code <topic>.dlq.<service>}: the original key, value and headers,
 * plus the headers that say where it came from and why it was refused. The header names are those of SmallRye's own
 * dead-letter strategy ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition},
 * {@code -offset}), with {@code dead-letter-kind} ({@code poison} or {@code retries-exhausted}),
 * {@code dead-letter-service} and {@code dead-letter-channel} beside them. The re-drive command reads them back.
 */
public record DeadLetter(String topic, String key, String value, Headers headers) {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";
    public static final String KIND = "dead-letter-kind";
    public static final String SERVICE = "dead-letter-service";
    public static final String CHANNEL = "dead-letter-channel";

    public static final String KIND_POISON = "poison";
    public static final String KIND_RETRIES_EXHAUSTED = "retries-exhausted";

    public static String topicFor(String sourceTopic, String service) {
        return sourceTopic + ".dlq." + service;
    }

    /** The dead letter of {@code record}, consumed on {@code channel} of {@code service}, refused for {@code failure}. */
    public static DeadLetter of(String service, String channel, Message<?> record, Throwable failure, int attempts) {
        IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record"));
        RecordHeaders headers = new RecordHeaders();
        kafka.getHeaders().forEach(header -> {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        });
        boolean poison = failure instanceof PoisonRecordException;
        put(headers, REASON, poison ? failure.getMessage()
                : "failed " + attempts + " attempt(s): " + LogSafe.failure(failure));
        if (failure.getCause() != null) {
            put(headers, CAUSE, LogSafe.failure(failure.getCause()));
        }
        put(headers, KIND, poison ? KIND_POISON : KIND_RETRIES_EXHAUSTED);
        put(headers, SOURCE_TOPIC, kafka.getTopic());
        put(headers, SOURCE_PARTITION, Integer.toString(kafka.getPartition()));
        put(headers, SOURCE_OFFSET, Long.toString(kafka.getOffset()));
        put(headers, SERVICE, service);
        put(headers, CHANNEL, channel);
        String key = kafka.getKey() instanceof String text ? text : null;
        Object payload = record.getPayload();
        return new DeadLetter(topicFor(kafka.getTopic(), service), key, payload == null ? null : payload.toString(),
                headers);
    }

    /** A header as text, or null. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
