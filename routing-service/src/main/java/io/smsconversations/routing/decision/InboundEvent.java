package io.smsconversations.routing.decision;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;

/**
 * An inbound message event as routing needs it: its CloudEvents id (the idempotency key) and the payload, with both
 * numbers in E.164. Anything else is a poison message.
 */
public record InboundEvent(String id, InboundMessageReceived message) {

    public String from() {
        return message.from();
    }

    public String to() {
        return message.to();
    }

    /** The inbound message {@code event} carries; poison when it is not one routing can work with. */
    public static InboundEvent parse(IncomingEvent event, ObjectMapper json) {
        InboundMessageReceived message = event.requireType(EventTypes.INBOUND_MESSAGE_RECEIVED)
                .payloadAs(json, InboundMessageReceived.class);
        IncomingEvent.requireFields(new String[] { "provider", "providerMessageId", "from", "to" },
                message.provider(), message.providerMessageId(), message.from(), message.to());
        String from = E164.normalise(message.from())
                .orElseThrow(() -> new PoisonRecordException("from is not an E.164 number"));
        String to = E164.normalise(message.to())
                .orElseThrow(() -> new PoisonRecordException("to is not an E.164 number"));
        return new InboundEvent(event.id(), new InboundMessageReceived(message.provider(),
                message.providerMessageId(), from, to, message.body(), message.receivedAt(), message.media(),
                message.segments()));
    }
}
