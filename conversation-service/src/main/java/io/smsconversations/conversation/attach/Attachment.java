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
 * @param routing       what routing-service's rule 1 saw when it decided; null when the event does not say (a
 *                      routing-service older than these fields)
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
        List<AlertRecipient> alerts,
        RoutingView routing) {

    /**
     * The conversation activity routing-service knew of between the two numbers when it decided.
     *
     * @param lastActivityAt the time of that activity (a message's or a move's, as this service announced it); null
     *                       when it knew none
     */
    public record RoutingView(Instant decidedAt, String lastActivityRecordId, Instant lastActivityAt) {
    }
}
