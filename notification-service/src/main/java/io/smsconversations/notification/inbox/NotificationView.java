package io.smsconversations.notification.inbox;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification as the seller app sees it: in the list and as the data of a live SSE event. */
@Schema(name = "Notification", description = "An in-app notification of the calling seller")
public record NotificationView(
        @Schema(description = "Ever-growing id; also the SSE event id") long id,
        NotificationKind kind,
        String title,
        String text,
        NotificationLink link,
        Instant createdAt,
        @Schema(description = "When the seller read it; null while unread") Instant readAt) {
}
