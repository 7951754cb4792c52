package io.smsconversations.notification.inbox;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the caller's notifications, newest first. */
@Schema(name = "NotificationPage")
public record NotificationPage(
        List<NotificationView> items,
        @Schema(description = "Pass as `before` to get the next (older) page; null on the last page") Long nextBefore) {
}
