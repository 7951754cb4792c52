package io.smsconversations.routing.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import io.smsconversations.events.LogSafe;

/**
 * Dead-letters single entries of a batch-consumed channel. The connector's own dead-letter strategy works on what the
 * method nacks, i.e. the whole batch; a batch consumer dead-letters each refused entry itself, with the same topic
 * ({@code <topic>.dlq.routing-service}) and headers ({@code dead-letter-reason}, {@code -cause}, {@code -topic},
 * {@code -partition}, {@code -offset}, plus the entry's own headers) as the connector, and waits for Kafka's
 * acknowledgement before the batch's offsets may be committed.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letters-out")
    MutinyEmitter<Record<String, String>> emitter;

    @Inject
    KafkaOutage outage;

    @ConfigProperty(name = "routing.consumer.retries", defaultValue = "5")
    int retries;

    public static String topicFor(String topic) {
        return topic + ".dlq.routing-service";
    }

    /**
     * Publishes {@code entry} (key, value, headers) to the dead-letter topic of {@code topic} with {@code reason}.
     * A broker away is waited out (the batch stays uncommitted, readiness names {@code channel}).
     */
    public Uni<Void> send(Message<String> entry, String topic, String channel, Throwable reason) {
        if (reason instanceof PoisonMessageException) {
            LOG.warnf("%s: record dead-lettered: %s", topic, LogSafe.text(reason.getMessage()));
        } else {
            // A driver's message may quote values (numbers): log the kind of failure only.
            LOG.errorf("%s: record dead-lettered after retries: %s", topic, reason.getClass().getName());
        }
        RecordHeaders headers = new RecordHeaders();
        String key = null;
        var incoming = entry.getMetadata(IncomingKafkaRecordMetadata.class);
        if (incoming.isPresent()) {
            incoming.get().getHeaders().forEach(headers::add);
            key = incoming.get().getKey() instanceof String k ? k : null;
            add(headers, "dead-letter-topic", incoming.get().getTopic());
            add(headers, "dead-letter-partition", Integer.toString(incoming.get().getPartition()));
            add(headers, "dead-letter-offset", Long.toString(incoming.get().getOffset()));
        }
        add(headers, "dead-letter-reason", reason.getMessage() == null ? reason.getClass().getName()
                : reason.getMessage());
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            add(headers, "dead-letter-cause", reason.getCause().getMessage());
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topicFor(topic)).withKey(key).withHeaders(headers).build();
        Record<String, String> value = Record.of(key, entry.getPayload());
        return Retries.retryingThroughOutages(() -> emitter.sendMessage(Message.of(value).addMetadata(metadata)),
                retries, outage, channel);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
