package io.smsconversations.conversation.send;

import java.util.Map;
import java.util.UUID;

import io.smsconversations.conversation.access.Caller;

/**
 * A seller's send from the conversation pane, as checked by {@link SendResource}, the one argument of
 * {@link Sender#send}.
 *
 * @param body           a typed body, already checked (not empty, not too long); null when a template is sent
 * @param templateId     the template to fill for the conversation's record, business number and the caller
 * @param values         the seller's values for the template's placeholders
 * @param idempotencyKey the client's key of this intended send, or null
 * @param whenAllowed    outside the recipient's quiet-hours window: keep the send for the window's start instead of
 *                       refusing it
 * @param messageId      the id the new message gets
 */
public record SendCommand(Caller caller, UUID conversationId, String body, UUID templateId,
        Map<String, String> values, String idempotencyKey, boolean whenAllowed, UUID messageId) {

    public SendCommand {
        values = values == null ? Map.of() : values;
    }

    /** A command for a new message (a fresh id). */
    public static SendCommand of(Caller caller, UUID conversationId, String body, UUID templateId,
            Map<String, String> values, String idempotencyKey, boolean whenAllowed) {
        return new SendCommand(caller, conversationId, body, templateId, values, idempotencyKey, whenAllowed,
                UUID.randomUUID());
    }

    /**
     * The source event id the message (or its scheduled send) is stored under: the seller's Idempotency-Key names it,
     * so a repeated request finds the first one's; without a key every request is its own send.
     */
    public String sourceEventId() {
        return idempotencyKey == null ? "send:" + messageId : "send:" + caller.sellerId() + ":" + idempotencyKey;
    }
}
