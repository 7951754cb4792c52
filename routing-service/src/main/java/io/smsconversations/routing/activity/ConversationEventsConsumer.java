package io.smsconversations.routing.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;
import io.smsconversations.events.LogSafe;
import io.smsconversations.routing.messaging.IncomingCloudEvent;
import io.smsconversations.routing.messaging.PoisonMessageException;
import io.smsconversations.routing.messaging.Retries;

/**
 * Feeds the conversation-activity projection (routing rule 1) from {@code sms.conversation-events}, consumer group
 * {@code routing-service}.
 * <p>
 * {@code ConversationMessageAdded} is activity on its record; {@code ConversationMoved} is activity on the record the
 * conversation moved to, at the time of the move, so later replies follow the move through rule 1. The other known
 * types of the topic (delivery statuses, opt-out changes) are acknowledged and ignored; an unknown type, or an event
 * that cannot be read, goes to {@code sms.conversation-events.dlq.routing-service} with the reason. Idempotent: the
 * projection only moves forward in time, so a repeat changes nothing.
 */
@ApplicationScoped
public class ConversationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ConversationEventsConsumer.class);

    @Inject
    ConversationActivityStore store;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "routing.consumer.retries", defaultValue = "5")
    int retries;

    @Incoming("conversation-events")
    public Uni<Void> onEvent(Message<String> message) {
        ConversationActivity activity;
        try {
            activity = activity(message);
        } catch (PoisonMessageException e) {
            LOG.warnf("conversation event dead-lettered: %s", LogSafe.text(e.getMessage()));
            return Uni.createFrom().completionStage(message.nack(e));
        }
        if (activity == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return Retries.retrying(() -> store.advance(activity), retries)
                .onItem().transformToUni(moved -> {
                    LOG.debugf("conversation activity on record %s (%s)", activity.recordId(),
                            moved ? "latest" : "older or repeated, ignored");
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    // A driver's message may quote values (numbers): log the kind of failure only.
                    LOG.errorf("conversation event dead-lettered after retries: %s", failure.getClass().getName());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /**
     * The activity an event reports; null for a known type that says nothing about who holds the conversation
     * (delivery statuses, opt-out changes). An unknown type is dead-lettered: every type conversation-service
     * publishes on the topic is listed here, so an unknown one is a contract this version does not know.
     */
    ConversationActivity activity(Message<String> message) {
        IncomingCloudEvent ce = IncomingCloudEvent.of(message);
        return switch (ce.type()) {
            case EventTypes.CONVERSATION_MESSAGE_ADDED -> added(ce, parse(message.getPayload(),
                    ConversationMessageAdded.class));
            case EventTypes.CONVERSATION_MOVED -> moved(ce, parse(message.getPayload(), ConversationMoved.class));
            case EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, EventTypes.CONVERSATION_OPT_OUT_CHANGED -> {
                LOG.debugf("conversation event of type %s ignored", ce.type());
                yield null;
            }
            default -> throw new PoisonMessageException("unknown CloudEvents type on " + Topics.CONVERSATION_EVENTS
                    + " (known: " + EventTypes.CONVERSATION_MESSAGE_ADDED + ", " + EventTypes.CONVERSATION_MOVED
                    + ", " + EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED + ", "
                    + EventTypes.CONVERSATION_OPT_OUT_CHANGED + ")");
        };
    }

    private static ConversationActivity added(IncomingCloudEvent ce, ConversationMessageAdded added) {
        List<String> missing = new ArrayList<>();
        if (added.record() == null || blank(added.record().id())) {
            missing.add("record.id");
        }
        checkEnds(added.customerNumber(), added.businessNumber(), added.occurredAt(), "occurredAt", missing);
        return activity(ce, added.customerNumber(), added.businessNumber(), added.record().id(),
                added.conversationId(), added.occurredAt());
    }

    /**
     * A move: from now on the conversation between the two numbers is on the record it moved to. As an activity on
     * that record at the time of the move, it supersedes every message stored on the old record before the move.
     */
    private static ConversationActivity moved(IncomingCloudEvent ce, ConversationMoved moved) {
        List<String> missing = new ArrayList<>();
        if (moved.to() == null || blank(moved.to().id())) {
            missing.add("to.id");
        }
        checkEnds(moved.customerNumber(), moved.businessNumber(), moved.movedAt(), "movedAt", missing);
        return activity(ce, moved.customerNumber(), moved.businessNumber(), moved.to().id(), moved.conversationId(),
                moved.movedAt());
    }

    private static void checkEnds(String customer, String business, Instant at, String atField,
            List<String> missing) {
        if (blank(customer)) {
            missing.add("customerNumber");
        }
        if (blank(business)) {
            missing.add("businessNumber");
        }
        if (at == null) {
            missing.add(atField);
        }
        if (!missing.isEmpty()) {
            throw new PoisonMessageException("missing field(s): " + String.join(", ", missing));
        }
    }

    private static ConversationActivity activity(IncomingCloudEvent ce, String customerNumber, String businessNumber,
            String recordId, String conversationId, Instant at) {
        String customer = E164.normalise(customerNumber)
                .orElseThrow(() -> new PoisonMessageException("customerNumber is not an E.164 number"));
        String business = E164.normalise(businessNumber)
                .orElseThrow(() -> new PoisonMessageException("businessNumber is not an E.164 number"));
        return new ConversationActivity(customer, business, recordId, conversationId, at, ce.id(), ce.type());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private <T> T parse(String payload, Class<T> type) {
        if (payload == null) {
            throw new PoisonMessageException("no payload");
        }
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the payload (a message body): say where, not what.
            throw new PoisonMessageException("payload is not a " + type.getSimpleName() + " in JSON ("
                    + e.getClass().getSimpleName() + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ")");
        }
        if (event == null) {
            throw new PoisonMessageException("payload is JSON null");
        }
        return event;
    }
}
