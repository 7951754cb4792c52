package io.smsconversations.routing.activity;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;

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

    static final String CHANNEL = "conversation-events";

    private static final Logger LOG = Logger.getLogger(ConversationEventsConsumer.class);

    private final ConversationActivityStore store;
    private final EventConsumers consumers;
    private final ObjectMapper json;

    ConversationEventsConsumer(ConversationActivityStore store, EventConsumers consumers, ObjectMapper json) {
        this.store = store;
        this.consumers = consumers;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<String> message) {
        return consumers.process(CHANNEL, message, event -> {
            ConversationActivity activity = ConversationActivities.of(event, json);
            if (activity == null) {
                LOG.debugf("conversation event of type %s ignored", event.type());
                return Uni.createFrom().voidItem();
            }
            return store.advance(activity).invoke(moved -> LOG.debugf("conversation activity on record %s (%s)",
                    activity.recordId(), moved ? "latest" : "older or repeated, ignored"));
        });
    }
}
