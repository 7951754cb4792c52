package io.smsconversations.notification.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to "mark all read": how many notifications were unread and are read now. */
@Schema(name = "MarkedRead")
public record MarkedRead(@Schema(description = "Notifications that were unread and are now read") int marked) {
}
