package io.smsconversations.conversation.attach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;

/**
 * Turns an attach record into an {@link Attachment}, or refuses it with a {@link PoisonRecordException} that says
 * why. Everything checked here is checked before the database is touched, so nothing is half-written.
 */
@ApplicationScoped
public class AttachmentReader {

    // Column sizes of the schema (V1__conversations.sql).
    private static final int MAX_EVENT_ID = 255;
    private static final int MAX_RECORD_ID = 64;
    private static final int MAX_RECORD_NAME = 255;
    private static final int MAX_SELLER_ID = 64;
    private static final int MAX_PROVIDER = 32;
    /** The gateway's media ids are UUIDs; anything far longer is not one of its ids. */
    private static final int MAX_MEDIA_ID = 64;
    private static final int MAX_CONTENT_TYPE = 255;
    private static final int MAX_PROVIDER_MESSAGE_ID = 128;

    private final ObjectMapper json;

    AttachmentReader(ObjectMapper json) {
        this.json = json;
    }

    public Attachment read(IncomingEvent event) {
        String eventId = event.id();
        require(eventId.length() <= MAX_EVENT_ID, "the CloudEvents id is longer than " + MAX_EVENT_ID);
        event.requireType(EventTypes.MESSAGE_ATTACHED);

        MessageAttached attached = event.payloadAs(json, MessageAttached.class);
        InboundMessageReceived message = attached.message();
        require(message != null, "message is missing");
        RecordRef recordRef = checkedRecord(attached.record());
        String customer = E164.normalise(message.from())
                .orElseThrow(() -> new PoisonRecordException("message.from is not a phone number"));
        // A short code receives too (US:12345); an alphanumeric sender id cannot, and routing never attaches to one.
        String business = BusinessAddress.parse(message.to(), null, null).filter(BusinessAddress::receivesReplies)
                .map(BusinessAddress::key)
                .orElseThrow(() -> new PoisonRecordException("message.to is not a phone number or a short code"));
        requireText(message.provider(), MAX_PROVIDER, "message.provider");
        requireText(message.providerMessageId(), MAX_PROVIDER_MESSAGE_ID, "message.providerMessageId");

        Instant occurredAt = message.receivedAt() != null
                ? message.receivedAt()
                : event.time() != null ? event.time() : Instant.now();
        List<MediaReference> media = message.media();
        for (MediaReference item : media) {
            // An item without an id (an event from before the gateway kept media) is kept, shown without a link.
            require(item != null, "message.media holds an empty entry");
            require(item.mediaId() == null || item.mediaId().length() <= MAX_MEDIA_ID,
                    "message.media[].mediaId is longer than " + MAX_MEDIA_ID);
            require(item.contentType() == null || item.contentType().length() <= MAX_CONTENT_TYPE,
                    "message.media[].contentType is longer than " + MAX_CONTENT_TYPE);
        }
        List<AlertRecipient> alerts = attached.alerts();
        for (AlertRecipient alert : alerts) {
            require(alert != null, "alerts holds an empty entry");
            requireText(alert.sellerId(), MAX_SELLER_ID, "alerts[].sellerId");
        }

        return new Attachment(eventId, recordRef, customer, business, message.provider(),
                message.providerMessageId(), message.body(), occurredAt.truncatedTo(ChronoUnit.MICROS),
                Math.max(1, message.segments()), media, alerts, routing(attached));
    }

    /** Known only when routing says when it decided; then a missing activity means it knew none. */
    private static Attachment.RoutingView routing(MessageAttached attached) {
        if (attached.decidedAt() == null) {
            return null;
        }
        Instant seen = attached.lastConversationAt();
        return new Attachment.RoutingView(attached.decidedAt(), attached.lastConversationRecordId(),
                seen == null ? null : seen.truncatedTo(ChronoUnit.MICROS));
    }

    private static RecordRef checkedRecord(RecordRef record) {
        require(record != null, "record is missing");
        requireText(record.id(), MAX_RECORD_ID, "record.id");
        require(record.type() != null, "record.type is missing");
        require(record.name() == null || record.name().length() <= MAX_RECORD_NAME,
                "record.name is longer than " + MAX_RECORD_NAME);
        Owner owner = record.owner();
        if (owner != null) {
            require(owner.sellerId() == null || owner.sellerId().length() <= MAX_SELLER_ID,
                    "record.owner.sellerId is longer than " + MAX_SELLER_ID);
            require(owner.teamId() == null || owner.teamId().length() <= MAX_SELLER_ID,
                    "record.owner.teamId is longer than " + MAX_SELLER_ID);
        }
        return record;
    }

    private static void requireText(String value, int maxLength, String field) {
        require(value != null && !value.isBlank(), field + " is missing");
        require(value.length() <= maxLength, field + " is longer than " + maxLength);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new PoisonRecordException(reason);
        }
    }
}
