package io.smsconversations.routing.decision;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;

/**
 * An inbound message event as routing needs it: its CloudEvents id (the idempotency key) and the payload, with the
 * customer number in E.164 and the business number a {@link BusinessAddress} key that can receive (E.164 or a short
 * code; never an alphanumeric sender id). Anything else is a poison message.
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
        BusinessAddress business = BusinessAddress.ofKey(message.to()).or(() -> BusinessAddress.parse(message.to(),
                null, null)).orElseThrow(() -> new PoisonRecordException("to is not " + BusinessAddress.EXPECTED));
        if (!business.receivesReplies()) {
            // The gateway accepts no such webhook; an event that says so anyway was made up or mangled.
            throw new PoisonRecordException("to is an alphanumeric sender id, which customers cannot send to");
        }
        String to = business.key();
        return new InboundEvent(event.id(), new InboundMessageReceived(message.provider(),
                message.providerMessageId(), from, to, message.body(), message.receivedAt(), message.media(),
                message.segments()));
    }
}
