package io.smsconversations.notification.intake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns conversation events into notifications. Per record: parse, store (idempotent on the event id; the commit
 * announces the new rows to the live streams of every replica), and only then acknowledge, so a crash before the
 * commit redelivers the event and a redelivery after it stores nothing twice. A record that cannot be processed is nacked and goes to the
 * dead-letter topic; the partition moves on.
 */
@ApplicationScoped
public class ConversationEventsConsumer {

    static final String CHANNEL = "conversation-events";

    private static final Logger LOG = Logger.getLogger(ConversationEventsConsumer.class);

    private final ObjectMapper json;
    private final InboundMessageAlerts alerts;
    private final NotificationStore store;

    public ConversationEventsConsumer(ObjectMapper json, InboundMessageAlerts alerts, NotificationStore store) {
        this.json = json;
        this.alerts = alerts;
        this.store = store;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().deferred(() -> process(message))
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message::ack);
                    }
                    LOG.warnf("conversation event %s goes to the dead-letter topic: %s", eventId(message),
                            failure.getMessage());
                    return Uni.createFrom().completionStage(() -> message.nack(failure));
                });
    }

    private Uni<Void> process(Message<String> message) {
        IncomingKafkaCloudEventMetadata<?, ?> cloudEvent = cloudEvent(message)
                .orElseThrow(() -> new PoisonEventException("not a binary-mode CloudEvent (no ce_* headers)"));
        if (!EventTypes.CONVERSATION_MESSAGE_ADDED.equals(cloudEvent.getType())) {
            // Other conversation events (moves, delivery reports, ...) are for later issues or other consumers.
            LOG.debugf("ignoring conversation event %s of type %s", cloudEvent.getId(), cloudEvent.getType());
            return Uni.createFrom().voidItem();
        }
        ConversationMessageAdded event = parse(message.getPayload());
        if (event.direction() != MessageDirection.INBOUND) {
            return Uni.createFrom().voidItem();
        }
        List<NewNotification> notifications = alerts.notificationsFor(cloudEvent.getId(), event);
        return store.insertNew(notifications)
                // a database that is briefly away is not a reason to dead-letter a good event
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                // the live streams hear of the new rows from the database (ReplicaFanOut), on every replica
                .invoke(stored -> {
                    LOG.infof("message %s from %s in conversation %s: %d notification(s) stored, %d already there",
                            event.messageId(), E164.masked(event.customerNumber()), event.conversationId(),
                            stored.size(), notifications.size() - stored.size());
                })
                .replaceWithVoid();
    }

    private ConversationMessageAdded parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new PoisonEventException("no payload");
        }
        ConversationMessageAdded event;
        try {
            event = json.readValue(payload, ConversationMessageAdded.class);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the payload, which holds a phone number and a body: say where only.
            var at = e.getLocation();
            throw new PoisonEventException("payload is not a valid " + ConversationMessageAdded.class.getSimpleName()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (event == null || event.conversationId() == null || event.direction() == null) {
            throw new PoisonEventException("payload lacks conversationId or direction");
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Optional<IncomingKafkaCloudEventMetadata<?, ?>> cloudEvent(Message<?> message) {
        return message.getMetadata(IncomingKafkaCloudEventMetadata.class)
                .map(metadata -> (IncomingKafkaCloudEventMetadata<?, ?>) metadata);
    }

    /** The event id, or where the record is when it has none: enough to find it, nothing personal. */
    private static String eventId(Message<?> message) {
        return cloudEvent(message).map(IncomingKafkaCloudEventMetadata::getId)
                .or(() -> message.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(r -> "at " + r.getTopic() + "-" + r.getPartition() + "@" + r.getOffset()))
                .orElse("(unknown)");
    }
}
