package io.smsconversations.consumers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * One consumed Kafka record as the services read it: its CloudEvents attributes taken from the {@code ce_*} headers
 * (binary mode), its key, where it sits, and its value as text.
 * <p>
 * Every incoming channel runs with {@code cloud-events=false}: SmallRye's own parsing fails inside the connector on
 * broken headers (e.g. {@code ce_specversion} without {@code ce_source}), where the record could not be
 * dead-lettered with a reason and the partition would stop. Here a broken record is a {@link PoisonRecordException}
 * naming every attribute at fault.
 *
 * @param id {@code ce_id}; null for a directory entry written without CloudEvents headers
 * @param type {@code ce_type}; null likewise
 * @param time {@code ce_time}, null when the event has none
 * @param key the Kafka key, null when the record has none
 * @param payload the value, null for a tombstone
 */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String key,
        String topic,
        int partition, long offset, String payload) {

    static final String SPEC_VERSION = "1.0";

    /** A record that must be a CloudEvent. */
    public static IncomingEvent cloudEvent(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = kafka(message);
        if (!hasCloudEventHeaders(kafka.getHeaders())) {
            throw new PoisonRecordException("not a binary-mode CloudEvent (ce_* headers missing)");
        }
        return checked(message, kafka);
    }

    /**
     * A record that may come without CloudEvents headers (a directory entry written by the CRM, a tombstone); headers
     * that are there must be complete.
     */
    public static IncomingEvent entry(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = kafka(message);
        if (!hasCloudEventHeaders(kafka.getHeaders())) {
            return new IncomingEvent(null, null, null, null, null, key(kafka), kafka.getTopic(), kafka.getPartition(),
                    kafka.getOffset(), message.getPayload());
        }
        return checked(message, kafka);
    }

    /** topic-partition@offset: names the record in logs without quoting its content. */
    public String where() {
        return topic + "-" + partition + "@" + offset;
    }

    public boolean isTombstone() {
        return payload == null;
    }

    /** The key without surrounding blanks; poison when the record has none (a keyed topic needs one). */
    public String requiredKey(String what) {
        if (key == null || key.isBlank()) {
            throw new PoisonRecordException("a " + topic + " record needs " + what + " as its key");
        }
        return key.strip();
    }

    /** Poison unless the record is of one of {@code expected} types. */
    public IncomingEvent requireType(String... expected) {
        if (type == null || Arrays.stream(expected).noneMatch(type::equals)) {
            throw new PoisonRecordException("unexpected CloudEvents type on " + topic + " (" + (type == null
                    ? "none" : "'" + type + "'") + "), expected " + String.join(" or ", expected));
        }
        return this;
    }

    /**
     * For entries that may lack CloudEvents headers: poison when a type is given and it is not {@code expected}.
     * A tombstone's type is not checked.
     */
    public IncomingEvent requireTypeIfPresent(String expected) {
        if (type != null && payload != null && !expected.equals(type)) {
            requireType(expected);
        }
        return this;
    }

    /**
     * The value read as {@code type}. Poison when there is none or it is not that JSON; the reason says where the
     * parser stopped, never what it read (a message body, a phone number).
     */
    public <T> T payloadAs(ObjectMapper json, Class<T> type) {
        return parse(json, payload, type);
    }

    /** {@code text} read as {@code type}, with the same poison reasons as {@link #payloadAs}. */
    public static <T> T parse(ObjectMapper json, String payload, Class<T> type) {
        if (payload == null || payload.isBlank()) {
            throw new PoisonRecordException("no payload, expected " + aOrAn(type));
        }
        T value;
        try {
            value = json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new PoisonRecordException("payload is not " + aOrAn(type) + " in JSON ("
                    + e.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        }
        if (value == null) {
            throw new PoisonRecordException("payload is JSON null, not " + aOrAn(type));
        }
        return value;
    }

    private static String aOrAn(Class<?> type) {
        String name = type.getSimpleName();
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** Poison naming every field of {@code names} whose value in {@code values} (same order) is null or blank. */
    public static void requireFields(String[] names, Object... values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Object value = i < values.length ? values[i] : null;
            if (value == null || value instanceof String text && text.isBlank()) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new PoisonRecordException("missing field(s): " + String.join(", ", missing));
        }
    }

    /** A header of {@code message} as text, or empty. */
    public static Optional<String> header(Message<?> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> header(kafka.getHeaders(), name));
    }

    /** Where {@code message} sits (topic-partition@offset), or "?" when it is not a Kafka record. */
    public static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("?");
    }

    private static IncomingEvent checked(Message<String> message, IncomingKafkaRecordMetadata<?, ?> kafka) {
        Headers headers = kafka.getHeaders();
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
        Instant time = time(header(headers, "ce_time"), wrong);
        if (!wrong.isEmpty()) {
            throw new PoisonRecordException("broken CloudEvents headers: " + String.join(", ", wrong));
        }
        return new IncomingEvent(id, type, source, header(headers, "ce_subject"), time, key(kafka), kafka.getTopic(),
                kafka.getPartition(), kafka.getOffset(), message.getPayload());
    }

    private static Instant time(String value, List<String> wrong) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            wrong.add("ce_time is not an RFC 3339 timestamp");
            return null;
        }
    }

    private static IncomingKafkaRecordMetadata<?, ?> kafka(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonRecordException("not a Kafka record"));
    }

    private static String key(IncomingKafkaRecordMetadata<?, ?> kafka) {
        return kafka.getKey() instanceof String key ? key : null;
    }

    private static boolean hasCloudEventHeaders(Headers headers) {
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
