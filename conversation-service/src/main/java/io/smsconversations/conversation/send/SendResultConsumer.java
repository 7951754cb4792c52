package io.smsconversations.conversation.send;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;

/**
 * Consumes the gateway's send results ({@code sms.send-results}): {@code SendAccepted} gives an outbound message the
 * provider's id, {@code SendFailed} fails it. Unreadable records are dead-lettered with the reason; a database outage
 * is waited out, so no message stays {@code queued} for ever because of one (event-consumers).
 */
@ApplicationScoped
public class SendResultConsumer {

    public static final String CHANNEL = "send-results";

    private static final Logger LOG = Logger.getLogger(SendResultConsumer.class);

    private final SendResults results;
    private final EventConsumers consumers;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public SendResultConsumer(SendResults results, EventConsumers consumers, ObjectMapper json,
            MeterRegistry registry) {
        this.results = results;
        this.consumers = consumers;
        this.json = json;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        return consumers.process(CHANNEL, record, event -> apply(event.requireType(EventTypes.SEND_ACCEPTED,
                EventTypes.SEND_FAILED))
                .invoke(outcome -> {
                    registry.counter("conversation.send.results", "outcome",
                            outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')).increment();
                    LOG.infof("Send result %s (%s): %s", event.id(), event.type(), outcome);
                }));
    }

    private Uni<SendResults.Outcome> apply(IncomingEvent event) {
        if (EventTypes.SEND_ACCEPTED.equals(event.type())) {
            SendAccepted accepted = event.payloadAs(json, SendAccepted.class);
            IncomingEvent.requireFields(new String[] { "provider", "providerMessageId" }, accepted.provider(),
                    accepted.providerMessageId());
            return results.accepted(event.id(), messageId(accepted.messageId()), accepted);
        }
        SendFailed failed = event.payloadAs(json, SendFailed.class);
        return results.failed(event.id(), messageId(failed.messageId()), failed);
    }

    private static UUID messageId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonRecordException("messageId is not a message id of this service");
        }
    }
}
