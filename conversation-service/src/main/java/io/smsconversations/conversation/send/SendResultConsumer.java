package io.smsconversations.conversation.send;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.consume.ConsumedRecords;
import io.smsconversations.conversation.consume.RecordRetries;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.LogSafe;

/**
 * Consumes the gateway's send results ({@code sms.send-results}): {@code SendAccepted} gives an outbound message the
 * provider's id, {@code SendFailed} fails it. The connector's CloudEvents parsing is off: this consumer reads the
 * {@code ce_*} headers, so a record with broken headers is dead-lettered instead of failing the channel. Database
 * failures are retried with backoff, then dead-lettered.
 */
@ApplicationScoped
public class SendResultConsumer {

    public static final String CHANNEL = "send-results";

    private static final Logger LOG = Logger.getLogger(SendResultConsumer.class);

    @Inject
    SendResults results;

    @Inject
    ObjectMapper json;

    @Inject
    RecordRetries retries;

    @Inject
    MeterRegistry registry;

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        String eventId = ConsumedRecords.header(record, "ce_id");
        String type = ConsumedRecords.header(record, "ce_type");
        Supplier<Uni<? extends SendResults.Outcome>> work;
        String messageId;
        try {
            if (eventId == null || eventId.isBlank()) {
                throw new IllegalArgumentException("no ce_id header");
            }
            if (EventTypes.SEND_ACCEPTED.equals(type)) {
                SendAccepted accepted = read(record, SendAccepted.class);
                if (accepted.provider() == null || accepted.providerMessageId() == null) {
                    throw new IllegalArgumentException("provider and providerMessageId are required");
                }
                UUID id = messageId(accepted.messageId());
                messageId = accepted.messageId();
                work = () -> results.accepted(eventId, id, accepted);
            } else if (EventTypes.SEND_FAILED.equals(type)) {
                SendFailed failed = read(record, SendFailed.class);
                UUID id = messageId(failed.messageId());
                messageId = failed.messageId();
                work = () -> results.failed(eventId, id, failed);
            } else {
                throw new IllegalArgumentException("not a " + EventTypes.SEND_ACCEPTED + " or " + EventTypes.SEND_FAILED
                        + " CloudEvent (ce_type " + type + ")");
            }
        } catch (IllegalArgumentException poison) {
            count("dead-lettered");
            LOG.warnf("Send result %s refused, sending it to the dead-letter topic: %s",
                    ConsumedRecords.where(record), LogSafe.text(poison.getMessage()));
            return Uni.createFrom().completionStage(() -> record.nack(poison));
        }
        return retries.retried(work)
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure != null) {
                        count("dead-lettered");
                        LOG.errorf("Send result %s failed its retries; dead-lettered: %s", eventId, LogSafe.failure(failure));
                        return Uni.createFrom().completionStage(() -> record.nack(failure));
                    }
                    count(outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    LOG.infof("Send result %s (%s) of message %s: %s", eventId, type, messageId, outcome);
                    return Uni.createFrom().completionStage(record::ack);
                });
    }

    private void count(String outcome) {
        registry.counter("conversation.send.results", "outcome", outcome).increment();
    }

    private <T> T read(Message<String> record, Class<T> type) {
        try {
            T value = json.readValue(record.getPayload(), type);
            if (value == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record has no value");
        }
    }

    private static UUID messageId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("messageId is not a message id of this service");
        }
    }
}
