package io.smsconversations.conversation.consume;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** What the consumers read off a Kafka record besides its value. */
public final class ConsumedRecords {

    private ConsumedRecords() {
    }

    /**
     * A header as text, or null. The consumers read {@code ce_*} themselves (the connector's CloudEvents parsing is
     * off) so a record with broken headers is dead-lettered instead of failing the channel.
     */
    public static String header(Message<?> record, String name) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader(name))
                .map(header -> header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** topic-partition@offset, to name a record in logs without quoting its content. */
    public static String where(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("?");
    }
}
