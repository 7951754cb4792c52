package io.smsconversations.notification.intake;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Topics;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns conversation events into notifications: inbound messages, failed outbound messages and moved
 * conversations; opt-out changes are ignored, and an unknown event type is dead-lettered. Per record: parse, store
 * (idempotent on the event id; the commit announces the new rows to the live streams of every replica), and only
 * then acknowledge, so a crash before the commit redelivers the event and a redelivery after it stores nothing
 * twice. A record that cannot be processed (broken ce_* headers included) goes to the dead-letter topic and the
 * partition moves on; a database outage is waited out with the record unacknowledged (event-consumers).
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
    private final EventConsumers consumers;

    public ConversationEventsConsumer(ObjectMapper json, InboundMessageAlerts alerts, OutboundFailureAlerts failures,
            ConversationMoveAlerts moves, NotificationStore store, EventConsumers consumers) {
        this.consumers = consumers;
        this.json = json;
        this.alerts = alerts;
        this.failures = failures;
        this.moves = moves;
        this.store = store;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return consumers.process(CHANNEL, message, this::process);
    }

    private Uni<Void> process(IncomingEvent event) {
        String id = event.id();
        String type = event.type();
        if (EventTypes.CONVERSATION_MESSAGE_ADDED.equals(type)) {
            ConversationMessageAdded added = event.payloadAs(json, ConversationMessageAdded.class);
            IncomingEvent.requireFields(new String[] { "conversationId", "direction" }, added.conversationId(),
                    added.direction());
            if (added.direction() != MessageDirection.INBOUND) {
                return Uni.createFrom().voidItem();
            }
            return store(() -> Uni.createFrom().item(alerts.notificationsFor(id, added)),
                    "message " + added.messageId() + " from " + E164.masked(added.customerNumber())
                            + " in conversation " + added.conversationId());
        }
        if (EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED.equals(type)) {
            ConversationMessageStatusChanged changed = event.payloadAs(json, ConversationMessageStatusChanged.class);
            IncomingEvent.requireFields(new String[] { "conversationId", "status" }, changed.conversationId(),
                    changed.status());
            if (!changed.status().isFailure()) {
                return Uni.createFrom().voidItem(); // queued, sent, delivered: nothing to tell
            }
            return store(() -> failures.notificationsFor(id, changed), "failed message " + changed.messageId()
                    + " to " + E164.masked(changed.customerNumber()) + " in conversation " + changed.conversationId());
        }
        if (EventTypes.CONVERSATION_MOVED.equals(type)) {
            ConversationMoved moved = event.payloadAs(json, ConversationMoved.class);
            IncomingEvent.requireFields(new String[] { "conversationId", "to.id" }, moved.conversationId(),
                    moved.to() == null ? null : moved.to().id());
            return store(() -> moves.notificationsFor(id, moved),
                    "move " + moved.moveId() + " of conversation " + moved.conversationId());
        }
        if (EventTypes.CONVERSATION_OPT_OUT_CHANGED.equals(type)) {
            // No notification (README): a keyword opt-out arrives as an inbound message, which already notifies;
            // a provider-reported one fails a send, which notifies its sender and the record's owners.
            return Uni.createFrom().voidItem();
        }
        throw new PoisonRecordException("unknown CloudEvents type '" + type + "' on " + Topics.CONVERSATION_EVENTS);
    }

    /**
     * Resolves the notifications (which may read the team projection) and stores the new ones; event-consumers
     * retries both together, and waits out a database outage, since one is not a reason to dead-letter a good event.
     */
    private Uni<Void> store(Supplier<Uni<List<NewNotification>>> notifications, String about) {
        return Uni.createFrom().deferred(() -> notifications.get()
                // TwoReplicasIT reads "notification(s) stored" in the log to see which replica consumed what
                .flatMap(made -> store.insertNew(made).map(stored -> stored.size() + " notification(s) stored, "
                        + (made.size() - stored.size()) + " already there")))
                // the live streams hear of the new rows from the database (ReplicaFanOut), on every replica
                .invoke(counts -> LOG.infof("%s: %s", about, counts))
                .replaceWithVoid();
    }
}
