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
 * Consumes conversation-service's send requests ({@link Topics#SEND_REQUESTS}) through event-consumers. A record that
 * is not a readable {@code SendRequested} CloudEvent goes to the dead-letter topic at once, with the reason, and the
 * partition moves on. A readable one is handed to {@link SendLanes} under its Kafka key (the conversation) and the
 * next record is taken as soon as there is room: the record is acknowledged when {@link SendProcessor} finished it,
 * possibly after records behind it. An outage of the ledger database or of Kafka is waited out with the record
 * unacknowledged (a repeated {@code process} is safe: the ledger and the provider lookup keep it from sending twice).
 */
@ApplicationScoped
public class SendRequestConsumer {

    public static final String CHANNEL = "send-requests";

    private final SendProcessor processor;
    private final SendLanes lanes;
    private final EventConsumers consumers;
    private final ObjectMapper json;

    public SendRequestConsumer(SendProcessor processor, SendLanes lanes, EventConsumers consumers,
            ObjectMapper json) {
        this.processor = processor;
        this.lanes = lanes;
        this.consumers = consumers;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        return consumers.processConcurrently(CHANNEL, record, this::read, processor::process,
                (request, settled) -> lanes.admit(key(record, request), settled));
    }

    private SendRequested read(IncomingEvent event) {
        SendRequested request = event.requireType(EventTypes.SEND_REQUESTED).payloadAs(json, SendRequested.class);
        IncomingEvent.requireFields(new String[] { "requestId", "messageId", "provider" }, request.requestId(),
                request.messageId(), request.provider());
        return request;
    }

    /** The record's Kafka key (the conversation), else the request: what must stay in order. */
    private static String key(Message<String> record, SendRequested request) {
        String key = IncomingEvent.cloudEvent(record).key();
        return key == null ? request.requestId() : key;
    }
}
