package io.smsconversations.routing.activity;

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
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.routing.messaging.PoisonMessageException;
import io.smsconversations.routing.messaging.Retries;

/**
 * Feeds the conversation-activity projection (routing rule 1) from {@code sms.conversation-events}, consumer group
 * {@code routing-service}.
 * <p>
 * Event types this service does not use are acknowledged and ignored (the topic carries conversation-service's whole
 * history; new types must not dead-letter). An event of a known type that cannot be read goes to
 * {@code sms.conversation-events.dlq.routing-service} with the reason. Idempotent: the projection only moves forward
 * in time, so a repeat changes nothing.
 * <p>
 * Seam for issue 5 ("conversation moved"): add a case to {@link #activity} for the move's CloudEvents type that maps
 * it to a {@link ConversationActivity} on the record the conversation moved to, at the move's time. Nothing else
 * changes: the store, the router and rule 1 already take it from there.
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
            LOG.warnf("conversation event dead-lettered: %s", e.getMessage());
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

    /** The activity an event reports, null for an event type that says nothing about activity. */
    ConversationActivity activity(Message<String> message) {
        IncomingKafkaCloudEventMetadata<?, ?> ce = message.getMetadata(IncomingKafkaCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonMessageException("not a binary-mode CloudEvent (ce_* headers missing)"));
        String type = ce.getType();
        if (!EventTypes.CONVERSATION_MESSAGE_ADDED.equals(type)) {
            LOG.debugf("conversation event of type %s ignored", type);
            return null;
        }
        String id = ce.getId();
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("CloudEvents id missing");
        }
        ConversationMessageAdded added = parse(message.getPayload());
        List<String> missing = new ArrayList<>();
        if (added.record() == null || added.record().id() == null || added.record().id().isBlank()) {
            missing.add("record.id");
        }
        if (added.customerNumber() == null || added.customerNumber().isBlank()) {
            missing.add("customerNumber");
        }
        if (added.businessNumber() == null || added.businessNumber().isBlank()) {
            missing.add("businessNumber");
        }
        if (added.occurredAt() == null) {
            missing.add("occurredAt");
        }
        if (!missing.isEmpty()) {
            throw new PoisonMessageException("missing field(s): " + String.join(", ", missing));
        }
        String customer = E164.normalise(added.customerNumber())
                .orElseThrow(() -> new PoisonMessageException("customerNumber is not an E.164 number"));
        String business = E164.normalise(added.businessNumber())
                .orElseThrow(() -> new PoisonMessageException("businessNumber is not an E.164 number"));
        return new ConversationActivity(customer, business, added.record().id(), added.conversationId(),
                added.occurredAt(), id, type);
    }

    private ConversationMessageAdded parse(String payload) {
        if (payload == null) {
            throw new PoisonMessageException("no payload");
        }
        ConversationMessageAdded added;
        try {
            added = json.readValue(payload, ConversationMessageAdded.class);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the payload (a message body): say where, not what.
            throw new PoisonMessageException("payload is not a ConversationMessageAdded in JSON ("
                    + e.getClass().getSimpleName() + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ")");
        }
        if (added == null) {
            throw new PoisonMessageException("payload is JSON null");
        }
        return added;
    }
}
