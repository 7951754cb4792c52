package io.smsconversations.testing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A Kafka record read back in a test, with the CloudEvents attributes of binary mode ({@code ce_*} headers). */
public record CloudEventRecord(String topic, String key, String id, String type, String source, String subject,
        String time, String value) {

    static CloudEventRecord of(ConsumerRecord<String, String> record) {
        return new CloudEventRecord(record.topic(), record.key(),
                header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_source"),
                header(record, "ce_subject"), header(record, "ce_time"), record.value());
    }

    public JsonNode data() {
        try {
            return KafkaTestClient.JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record value is not JSON: " + value, e);
        }
    }

    public <T> T dataAs(Class<T> type) {
        try {
            return KafkaTestClient.JSON.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record value is not a " + type.getSimpleName() + ": " + value, e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
