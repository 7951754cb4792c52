package io.smsconversations.notification.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many of the caller's notifications are unread. */
@Schema(name = "UnreadCount")
public record UnreadCount(long unread) {
}
