package io.smsconversations.notification.intake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Topics;
import io.smsconversations.events.LogSafe;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns conversation events into notifications: inbound messages, failed outbound messages and moved
 * conversations; opt-out changes are ignored, and an unknown event type is dead-lettered. Per record: parse, store
 * (idempotent on the event id; the commit announces the new rows to the live streams of every replica), and only
 * then acknowledge, so a crash before the commit redelivers the event and a redelivery after it stores nothing
 * twice. A record that cannot be processed is nacked and goes to the dead-letter topic; the partition moves on.
 */
@ApplicationScoped
public class ConversationEventsConsumer {

    static final String CHANNEL = "conversation-events";

    private static final Logger LOG = Logger.getLogger(ConversationEventsConsumer.class);

    private final ObjectMapper json;
    private final InboundMessageAlerts alerts;
    private final OutboundFailureAlerts failures;
    private final ConversationMoveAlerts moves;
    private final NotificationStore store;

    public ConversationEventsConsumer(ObjectMapper json, InboundMessageAlerts alerts, OutboundFailureAlerts failures,
            ConversationMoveAlerts moves, NotificationStore store) {
        this.json = json;
        this.alerts = alerts;
        this.failures = failures;
        this.moves = moves;
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
                            LogSafe.text(failure.getMessage()));
                    return Uni.createFrom().completionStage(() -> message.nack(failure));
                });
    }

    private Uni<Void> process(Message<String> message) {
        IncomingKafkaCloudEventMetadata<?, ?> cloudEvent = cloudEvent(message)
                .orElseThrow(() -> new PoisonEventException("not a binary-mode CloudEvent (no ce_* headers)"));
        String id = cloudEvent.getId();
        String type = cloudEvent.getType();
        if (EventTypes.CONVERSATION_MESSAGE_ADDED.equals(type)) {
            ConversationMessageAdded event = parse(message.getPayload(), ConversationMessageAdded.class);
            if (event.conversationId() == null || event.direction() == null) {
                throw new PoisonEventException("payload lacks conversationId or direction");
            }
            if (event.direction() != MessageDirection.INBOUND) {
                return Uni.createFrom().voidItem();
            }
            return store(() -> Uni.createFrom().item(alerts.notificationsFor(id, event)),
                    "message " + event.messageId() + " from " + E164.masked(event.customerNumber())
                            + " in conversation " + event.conversationId());
        }
        if (EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED.equals(type)) {
            ConversationMessageStatusChanged event = parse(message.getPayload(),
                    ConversationMessageStatusChanged.class);
            if (event.conversationId() == null || event.status() == null) {
                throw new PoisonEventException("payload lacks conversationId or status");
            }
            if (!event.status().isFailure()) {
                return Uni.createFrom().voidItem(); // queued, sent, delivered: nothing to tell
            }
            return store(() -> failures.notificationsFor(id, event), "failed message " + event.messageId() + " to "
                    + E164.masked(event.customerNumber()) + " in conversation " + event.conversationId());
        }
        if (EventTypes.CONVERSATION_MOVED.equals(type)) {
            ConversationMoved event = parse(message.getPayload(), ConversationMoved.class);
            if (event.conversationId() == null || event.to() == null || event.to().id() == null) {
                throw new PoisonEventException("payload lacks conversationId or the record it was moved to");
            }
            return store(() -> moves.notificationsFor(id, event),
                    "move " + event.moveId() + " of conversation " + event.conversationId());
        }
        if (EventTypes.CONVERSATION_OPT_OUT_CHANGED.equals(type)) {
            // No notification (README): a keyword opt-out arrives as an inbound message, which already notifies;
            // a provider-reported one fails a send, which notifies its sender and the record's owners.
            return Uni.createFrom().voidItem();
        }
        throw new PoisonEventException("unknown CloudEvents type '" + type + "' on " + Topics.CONVERSATION_EVENTS);
    }

    /**
     * Resolves the notifications (which may read the team projection) and stores the new ones; both are retried
     * together, since a database that is briefly away is not a reason to dead-letter a good event.
     */
    private Uni<Void> store(Supplier<Uni<List<NewNotification>>> notifications, String about) {
        return Uni.createFrom().deferred(() -> notifications.get()
                // TwoReplicasIT reads "notification(s) stored" in the log to see which replica consumed what
                .flatMap(made -> store.insertNew(made).map(stored -> stored.size() + " notification(s) stored, "
                        + (made.size() - stored.size()) + " already there")))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                // the live streams hear of the new rows from the database (ReplicaFanOut), on every replica
                .invoke(counts -> LOG.infof("%s: %s", about, counts))
                .replaceWithVoid();
    }

    private <T> T parse(String payload, Class<T> type) {
        if (payload == null || payload.isBlank()) {
            throw new PoisonEventException("no payload");
        }
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the payload, which holds a phone number and a body: say where only.
            var at = e.getLocation();
            throw new PoisonEventException("payload is not a valid " + type.getSimpleName()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (event == null) {
            throw new PoisonEventException("payload is JSON null, not a " + type.getSimpleName());
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
