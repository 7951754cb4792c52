package io.smsconversations.conversation.attach;

import java.time.Instant;
import java.util.List;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.RecordRef;

/**
 * A checked attach decision: numbers in E.164, times at the microsecond precision PostgreSQL stores.
 *
 * @param sourceEventId the CloudEvents id of the attach event: the idempotency key of the message it makes
 */
public record Attachment(
        String sourceEventId,
        RecordRef record,
        String customerNumber,
        String businessNumber,
        String provider,
        String providerMessageId,
        String body,
        Instant occurredAt,
        int segments,
        List<MediaReference> media,
        List<AlertRecipient> alerts) {
}
