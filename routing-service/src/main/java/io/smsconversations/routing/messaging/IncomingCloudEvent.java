package io.smsconversations.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The CloudEvents attributes of an incoming binary-mode record, read from its {@code ce_*} headers by this service.
 * <p>
 * The incoming channels run with {@code cloud-events=false}: SmallRye's own parsing fails inside the connector on
 * broken headers (e.g. {@code ce_specversion} without {@code ce_source}), before the consumer can dead-letter the
 * record with a reason. Here a broken record is a {@link PoisonMessageException} naming every attribute at fault,
 * so it goes to the dead-letter topic like any other poison record and the partition keeps flowing.
 *
 * @param key the Kafka key (null when the record has none)
 */
public record IncomingCloudEvent(String id, String type, String source, String key) {

    static final String SPEC_VERSION = "1.0";

    /** The attributes of a record that must be a CloudEvent. */
    public static IncomingCloudEvent of(Message<?> message) {
        Headers headers = kafka(message).getHeaders();
        if (!hasAny(headers)) {
            throw new PoisonMessageException("not a binary-mode CloudEvent (ce_* headers missing)");
        }
        return checked(message, headers);
    }

    /**
     * The attributes of a record that may come without CloudEvents headers (a directory entry written by the CRM, a
     * tombstone): empty when it has no {@code ce_*} header at all; headers that are there must be complete.
     */
    public static Optional<IncomingCloudEvent> ifPresent(Message<?> message) {
        Headers headers = kafka(message).getHeaders();
        return hasAny(headers) ? Optional.of(checked(message, headers)) : Optional.empty();
    }

    /** The Kafka key of the record (null when it has none or it is not a string). */
    public static String key(Message<?> message) {
        return kafka(message).getKey() instanceof String key ? key : null;
    }

    private static IncomingCloudEvent checked(Message<?> message, Headers headers) {
        List<String> wrong = new ArrayList<>();
        String version = header(headers, "ce_specversion");
        if (version == null) {
            wrong.add("ce_specversion missing");
        } else if (!SPEC_VERSION.equals(version)) {
            wrong.add("ce_specversion is not " + SPEC_VERSION);
        }
        String id = required(headers, "ce_id", wrong);
        String source = required(headers, "ce_source", wrong);
        String type = required(headers, "ce_type", wrong);
        if (!wrong.isEmpty()) {
            throw new PoisonMessageException("broken CloudEvents headers: " + String.join(", ", wrong));
        }
        return new IncomingCloudEvent(id, type, source, key(message));
    }

    private static IncomingKafkaRecordMetadata<?, ?> kafka(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonMessageException("not a Kafka record"));
    }

    private static boolean hasAny(Headers headers) {
        for (Header header : headers) {
            if (header.key().startsWith("ce_")) {
                return true;
            }
        }
        return false;
    }

    private static String required(Headers headers, String name, List<String> wrong) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            wrong.add(name + " missing");
            return null;
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
