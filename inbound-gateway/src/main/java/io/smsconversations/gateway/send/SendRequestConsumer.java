package io.smsconversations.gateway.send;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;

/**
 * Consumes conversation-service's send requests ({@link Topics#SEND_REQUESTS}). A record that is not a readable
 * {@code SendRequested} CloudEvent goes to the dead-letter topic at once, with the reason, and the partition moves on.
 * A readable one is handed to {@link SendLanes} under its Kafka key (the conversation) and the next record is taken
 * as soon as there is room: the record is acknowledged when {@link SendProcessor} finished it, possibly after records
 * behind it, and dead-lettered when its ledger or result could not be written through the retries (the ledger then
 * tells a replay what was done already).
 */
@ApplicationScoped
public class SendRequestConsumer {

    public static final String CHANNEL = "send-requests";

    private static final Logger LOG = Logger.getLogger(SendRequestConsumer.class);

    private final SendProcessor processor;
    private final SendLanes lanes;
    private final ObjectMapper json;
    private final SendMetrics metrics;

    @Inject
    public SendRequestConsumer(SendProcessor processor, SendLanes lanes, ObjectMapper json, SendMetrics metrics) {
        this.processor = processor;
        this.lanes = lanes;
        this.json = json;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        SendRequested request;
        try {
            request = read(record);
        } catch (IllegalArgumentException poison) {
            metrics.outcome(null, "dead-lettered");
            LOG.warnf("Send request %s refused, sending it to the dead-letter topic: %s", where(record),
                    poison.getMessage());
            return Uni.createFrom().completionStage(() -> record.nack(poison));
        }
        return lanes.admit(key(record, request), () -> processor.process(request))
                .invoke(done -> done.whenComplete((outcome, failure) -> settle(record, request, failure)))
                .replaceWithVoid();
    }

    private static void settle(Message<String> record, SendRequested request, Throwable failure) {
        if (failure == null) {
            record.ack();
            return;
        }
        LOG.errorf("Send request %s could not be completed (%s); dead-lettered", request.requestId(),
                Failures.describe(failure));
        record.nack(new SendIncompleteException(failure));
    }

    private SendRequested read(Message<String> record) {
        String type = header(record, "ce_type");
        if (!EventTypes.SEND_REQUESTED.equals(type)) {
            throw new IllegalArgumentException("not a " + EventTypes.SEND_REQUESTED + " CloudEvent (ce_type "
                    + (type == null ? "missing" : "'" + type + "'") + ")");
        }
        SendRequested request;
        try {
            request = json.readValue(record.getPayload(), SendRequested.class);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the payload (a body, a number): say where, not what.
            throw new IllegalArgumentException("the value is not a SendRequested: " + e.getClass().getSimpleName()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record has no value");
        }
        if (request == null || blank(request.requestId()) || blank(request.messageId()) || blank(request.provider())) {
            throw new IllegalArgumentException("requestId, messageId and provider are required");
        }
        return request;
    }

    /** The record's Kafka key (the conversation), else the request: what must stay in order. */
    private static String key(Message<String> record, SendRequested request) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getKey).map(Object::toString)
                .orElse(request.requestId());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String header(Message<String> record, String name) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader(name))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    private static String where(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
    }

    /** The dead-letter reason of a request that failed for want of the database or Kafka: classes only. */
    static final class SendIncompleteException extends RuntimeException {

        SendIncompleteException(Throwable cause) {
            super("the send could not be completed: " + Failures.describe(cause), null, false, false);
        }
    }
}
