package io.smsconversations.routing.decision;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.routing.messaging.CloudEventMessages;

/**
 * Publishes {@link MessageAttached} to {@code sms.message-attachments}: key the conversation (customer and business
 * number, so a conversation's messages stay in order), id derived from the inbound event (a republication after a
 * crash carries the same id and consumers drop it), subject the record id.
 */
@ApplicationScoped
public class AttachmentPublisher {

    private final MutinyEmitter<Record<String, String>> attachments;
    private final ObjectMapper json;

    AttachmentPublisher(@Channel("message-attachments-out") MutinyEmitter<Record<String, String>> attachments,
            ObjectMapper json) {
        this.attachments = attachments;
        this.json = json;
    }

    /** Completes, on the caller's Vert.x context, when the broker acknowledged the event (acks=all). */
    public Uni<Void> publish(MessageAttached attached) {
        String payload;
        try {
            payload = json.writeValueAsString(attached);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("could not write MessageAttached as JSON", e));
        }
        return CloudEventMessages.send(attachments, CloudEventMessages.of(
                ConversationKey.of(attached.message().from(), attached.message().to()), payload,
                EventIds.derived("attach", attached.inboundEventId()), EventTypes.MESSAGE_ATTACHED,
                attached.record().id()));
    }
}
