package io.smsconversations.consumers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Consumed records as the connector hands them to a consumer, built for unit tests. */
final class Records {

    private Records() {
    }

    /** headers: name, value, name, value... */
    static Message<String> consumed(String topic, String key, String value, String... headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            kafkaHeaders.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 2, 41L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, -1, -1, key, value, kafkaHeaders, Optional.empty());
        return Message.of(value, Metadata.of(new IncomingKafkaRecordMetadata<>(record, "channel")));
    }

    static Message<String> cloudEvent(String topic, String key, String value, String type) {
        return consumed(topic, key, value, "ce_specversion", "1.0", "ce_id", "id-1", "ce_source", "/test",
                "ce_type", type);
    }
}
