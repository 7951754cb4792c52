package io.smsconversations.routing.decision;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.routing.messaging.IncomingCloudEvent;
import io.smsconversations.routing.messaging.PoisonMessageException;

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

    public static InboundEvent parse(Message<String> kafka, ObjectMapper json) {
        IncomingCloudEvent ce = IncomingCloudEvent.of(kafka);
        if (!EventTypes.INBOUND_MESSAGE_RECEIVED.equals(ce.type())) {
            throw new PoisonMessageException("unexpected CloudEvents type, expected "
                    + EventTypes.INBOUND_MESSAGE_RECEIVED);
        }
        String id = ce.id();
        if (kafka.getPayload() == null) {
            throw new PoisonMessageException("no payload");
        }
        InboundMessageReceived message;
        try {
            message = json.readValue(kafka.getPayload(), InboundMessageReceived.class);
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the payload (a message body): say where, not what.
            throw new PoisonMessageException("payload is not an InboundMessageReceived in JSON ("
                    + e.getClass().getSimpleName() + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ")");
        }
        if (message == null) {
            throw new PoisonMessageException("payload is JSON null");
        }
        List<String> missing = new ArrayList<>();
        if (blank(message.provider())) {
            missing.add("provider");
        }
        if (blank(message.providerMessageId())) {
            missing.add("providerMessageId");
        }
        if (blank(message.from())) {
            missing.add("from");
        }
        if (blank(message.to())) {
            missing.add("to");
        }
        if (!missing.isEmpty()) {
            throw new PoisonMessageException("missing field(s): " + String.join(", ", missing));
        }
        String from = E164.normalise(message.from())
                .orElseThrow(() -> new PoisonMessageException("from is not an E.164 number"));
        String to = E164.normalise(message.to())
                .orElseThrow(() -> new PoisonMessageException("to is not an E.164 number"));
        return new InboundEvent(id, new InboundMessageReceived(message.provider(), message.providerMessageId(), from,
                to, message.body(), message.receivedAt(), message.media(), message.segments()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
