package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.media.MediaView;
import io.smsconversations.conversation.optout.KeywordKind;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.MessageDirection;

@Schema(name = "Message", description = "One message of a conversation.")
public record MessageView(
        UUID id,
        UUID conversationId,
        MessageDirection direction,
        String body,
        @Schema(description = "E.164") String from,
        @Schema(description = "E.164") String to,
        String provider,
        String providerMessageId,
        Instant occurredAt,
        int segments,
        List<MediaView> media,
        @Schema(nullable = true, description = "Outbound messages: the provider's latest report; null for inbound")
        Delivery delivery,
        @Schema(nullable = true, description = "A reply routing-service sent to another record because it decided "
                + "before it knew of a move of this conversation: stored here, where the move took the thread; null "
                + "for every other message") Redirect redirect,
        @Schema(nullable = true, enumeration = { "OPT_OUT", "OPT_IN", "HELP" }, description = "Outbound messages the "
                + "service sent by itself: the keyword this message answers (the opt-out and opt-in confirmations, "
                + "the help text); null for every other message") KeywordKind autoReply) {

    /**
     * @param routedRecordId the record routing-service chose (the one the conversation was moved away from)
     * @param moveId         the move that the reply followed (see {@code GET /api/conversations/{id}/moves})
     */
    @Schema(name = "MessageRedirect")
    public record Redirect(String routedRecordId, UUID moveId) {
    }

    /**
     * @param reason       normalised across providers (e.g. {@code InvalidSendingParameters}); null unless it failed
     * @param providerCode the provider's own error code (Twilio {@code 21610}), kept beside the reason
     */
    @Schema(name = "Delivery")
    public record Delivery(DeliveryStatus status, FailureReason reason, String providerCode, String providerText,
            Instant updatedAt) {
    }

    public static MessageView of(ConversationMessage message) {
        Delivery delivery = message.deliveryStatus == null ? null
                : new Delivery(message.deliveryStatus, message.failureReason, message.providerErrorCode,
                        message.providerErrorText, message.statusUpdatedAt);
        return new MessageView(message.id, message.conversationId, message.direction, message.body,
                message.fromNumber, message.toNumber, message.provider, message.providerMessageId,
                message.occurredAt, message.segments,
                MediaView.of(message.conversationId, message.id, message.media.items()), delivery,
                message.redirectMoveId == null ? null : new Redirect(message.routedRecordId, message.redirectMoveId),
                message.autoReply);
    }
}
