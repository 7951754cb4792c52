package io.smsconversations.gateway.send;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;

/**
 * Consumes conversation-service's send requests ({@link Topics#SEND_REQUESTS}) through event-consumers: a record that
 * is not a readable {@code SendRequested} CloudEvent goes to the dead-letter topic at once, with the reason, and the
 * partition moves on; an outage of the ledger database or of Kafka is waited out with the record unacknowledged.
 */
@ApplicationScoped
public class SendRequestConsumer {

    public static final String CHANNEL = "send-requests";

    private final SendProcessor processor;
    private final EventConsumers consumers;
    private final ObjectMapper json;

    public SendRequestConsumer(SendProcessor processor, EventConsumers consumers, ObjectMapper json) {
        this.processor = processor;
        this.consumers = consumers;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        return consumers.process(CHANNEL, record, event -> processor.process(read(event)));
    }

    private SendRequested read(IncomingEvent event) {
        SendRequested request = event.requireType(EventTypes.SEND_REQUESTED).payloadAs(json, SendRequested.class);
        IncomingEvent.requireFields(new String[] { "requestId", "messageId", "provider" }, request.requestId(),
                request.messageId(), request.provider());
        return request;
    }
}
