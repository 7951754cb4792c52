package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A send kept for the recipient's window, as the API shows it. */
@Schema(name = "ScheduledSend")
public record ScheduledSendView(
        UUID id,
        UUID conversationId,
        String body,
        @Schema(description = "When it goes out: the opening of the organisation's window for the recipient")
        Instant sendAt,
        @Schema(enumeration = { "SCHEDULED", "SENT", "REFUSED", "CANCELLED" }, description = "SCHEDULED until its "
                + "time; then SENT (messageId names the message) or REFUSED (a send's check failed by then, e.g. the "
                + "customer opted out); CANCELLED when someone took it back before") String status,
        @Schema(nullable = true) UUID messageId,
        @Schema(nullable = true, description = "Why it was not sent: the problem type a send would have got")
        String refusalType,
        @Schema(nullable = true) String refusalDetail,
        @Schema(description = "Who asked for it") String sellerId,
        Instant createdAt,
        @Schema(nullable = true) Instant releasedAt,
        @Schema(nullable = true, description = "Who took it back, when CANCELLED") String cancelledBy,
        @Schema(nullable = true) Instant cancelledAt) {

    public static ScheduledSendView of(ScheduledSend send) {
        return new ScheduledSendView(send.id, send.conversationId, send.body, send.dueAt, send.status,
                send.messageId, send.refusalType, send.refusalDetail, send.sellerId, send.createdAt,
                send.releasedAt, send.cancelledBy, send.cancelledAt);
    }
}
