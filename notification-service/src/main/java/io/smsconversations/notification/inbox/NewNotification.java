package io.smsconversations.notification.inbox;

import java.util.Objects;

/**
 * A notification to store for one recipient, derived from one event. (sourceEventId, recipientId, kind) identifies
 * it: storing it again is a no-op, which makes redelivered events harmless.
 */
public record NewNotification(
        String sourceEventId,
        String recipientId,
        NotificationKind kind,
        String title,
        String text,
        NotificationLink link) {

    public NewNotification {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        link = link == null ? new NotificationLink(null, null, null) : link;
    }
}
