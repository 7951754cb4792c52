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
import io.smsconversations.events.LogSafe;

/**
 * Consumes conversation-service's send requests ({@link Topics#SEND_REQUESTS}). A record that is not a readable
 * {@code SendRequested} CloudEvent goes to the dead-letter topic at once, with the reason, and the partition moves on;
 * so does a request whose ledger or result could not be written through the retries (the ledger then tells a replay
 * what was done already).
 */
@ApplicationScoped
public class SendRequestConsumer {

    public static final String CHANNEL = "send-requests";

    private static final Logger LOG = Logger.getLogger(SendRequestConsumer.class);

    @Inject
    SendProcessor processor;

    @Inject
    ObjectMapper json;

    @Inject
    SendMetrics metrics;

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        SendRequested request;
        try {
            request = read(record);
        } catch (IllegalArgumentException poison) {
            metrics.outcome(null, "dead-lettered");
            LOG.warnf("Send request %s refused, sending it to the dead-letter topic: %s", where(record),
                    LogSafe.text(poison.getMessage()));
            return Uni.createFrom().completionStage(() -> record.nack(poison));
        }
        return processor.process(request).onItemOrFailure().transformToUni((outcome, failure) -> {
            if (failure != null) {
                metrics.outcome(request.provider(), "dead-lettered");
                LOG.errorf("Send request %s could not be completed; dead-lettered: %s", request.requestId(),
                        LogSafe.failure(failure));
                return Uni.createFrom().completionStage(() -> record.nack(failure));
            }
            return Uni.createFrom().completionStage(record::ack);
        });
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
            throw new IllegalArgumentException("the value is not a SendRequested: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record has no value");
        }
        if (request == null || blank(request.requestId()) || blank(request.messageId()) || blank(request.provider())) {
            throw new IllegalArgumentException("requestId, messageId and provider are required");
        }
        return request;
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
}
