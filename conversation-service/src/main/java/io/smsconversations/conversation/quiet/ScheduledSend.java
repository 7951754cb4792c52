package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A send kept for the window's start (V21); see {@code scheduled_send}. The body is personal data: never logged. */
@Entity
@Table(name = "scheduled_send")
public class ScheduledSend extends PanacheEntityBase {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String SENT = "SENT";
    public static final String REFUSED = "REFUSED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** The seller who asked; the send is checked for them again when it is released. */
    @Column(name = "seller_id", nullable = false)
    public String sellerId;

    @Column(name = "admin", nullable = false)
    public boolean admin;

    @Column(name = "body", nullable = false, columnDefinition = "text")
    public String body;

    @Column(name = "template_id")
    public String templateId;

    /** The message's {@code source_event_id} to be (the Idempotency-Key's, or one of its own). */
    @Column(name = "source_event_id", nullable = false, unique = true)
    public String sourceEventId;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "refusal_type")
    public String refusalType;

    @Column(name = "refusal_detail")
    public String refusalDetail;

    /** The seller (or admin) who took it back before it went out (V26). */
    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
