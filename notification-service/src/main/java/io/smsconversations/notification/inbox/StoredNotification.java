package io.smsconversations.notification.inbox;

/** A notification that was just inserted (not one that already existed), with whom it is for. */
public record StoredNotification(String recipientId, NotificationView view) {
}
