package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.conversation.optout.KeywordKind;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.MessageDirection;

/** One message of a conversation. The body is personal data: it is served to sellers, never logged. */
@Entity
@Table(name = "message")
public class ConversationMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** The CloudEvents id of the event that made this message; unique, so a repeat never makes a second one. */
    @Column(name = "source_event_id", nullable = false, unique = true)
    public String sourceEventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false)
    public MessageDirection direction;

    @Column(name = "body", columnDefinition = "text")
    public String body;

    @Column(name = "from_number", nullable = false)
    public String fromNumber;

    @Column(name = "to_number", nullable = false)
    public String toNumber;

    @Column(name = "provider")
    public String provider;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;

    @Column(name = "segments", nullable = false)
    public int segments;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "media", nullable = false)
    public Media media = new Media(List.of());

    /** Who routing-service alerted, kept so a re-published event is identical to the first one. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "alerts", nullable = false)
    public Alerts alerts = new Alerts(List.of());

    /** Outbound only: how far the provider got (written by the delivery-report consumer, forward only). */
    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status")
    public DeliveryStatus deliveryStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_reason")
    public FailureReason failureReason;

    @Column(name = "provider_error_code")
    public String providerErrorCode;

    @Column(name = "provider_error_text")
    public String providerErrorText;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    /** Outbound only: the seller who sent it (OIDC subject). */
    @Column(name = "sent_by")
    public String sentBy;

    /**
     * Inbound only, V13: the record routing-service chose for a reply it decided before it knew of a move of this
     * conversation, which is why the reply is here and not on that record; null for every other message.
     */
    @Column(name = "routed_record_id")
    public String routedRecordId;

    /** Inbound only: the move that took such a reply to this conversation (with {@link #routedRecordId}). */
    @Column(name = "redirect_move_id")
    public UUID redirectMoveId;

    /**
     * Outbound only, V20: the keyword this message answers automatically (the STOP and START confirmations, the
     * HELP text; sent by no seller, {@link #sentBy} null); null for every other message.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "auto_reply")
    public KeywordKind autoReply;

    /** Outbound only: the template its body was filled from; null when typed by hand. */
    @Column(name = "template_id")
    public String templateId;

    // The jsonb columns hold an object, not a bare array: Hibernate Reactive passes JSON to the Vert.x client as a
    // JsonObject, which cannot be a top-level array.

    /** The MMS attachments of a message (column {@code media}). */
    public record Media(List<MediaReference> items) {

        public Media {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The sellers alerted about a message (column {@code alerts}). */
    public record Alerts(List<AlertRecipient> items) {

        public Alerts {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
