package io.smsconversations.conversation.outbox;

import java.time.Instant;

/**
 * One event to announce, as it will leave: the Kafka topic and key, the CloudEvents attributes (the source is always
 * this service's) and the payload, a contract record serialised to JSON when it is appended.
 */
public record OutboxEvent(String topic, String key, String id, String type, String subject, Instant time,
        Object payload) {
}
