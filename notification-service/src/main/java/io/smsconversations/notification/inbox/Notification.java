package io.smsconversations.notification.inbox;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.RecordType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The stored notification (table {@code notification}, schema owned by Flyway): this service's own aggregate,
 * written through the session. Rows are inserted by {@link NotificationStore#insertNew} with SQL ({@code on conflict
 * do nothing}) on the session and read back as this entity; read marks change it; the inbox reads are projections.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 64)
    public NotificationKind kind;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    @Column(name = "conversation_id")
    public String conversationId;

    @Column(name = "record_id")
    public String recordId;

    @Enumerated(EnumType.STRING)
    @Column(name = "record_type", length = 16)
    public RecordType recordType;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    public NotificationView view() {
        return new NotificationView(id, kind, title, text, new NotificationLink(conversationId, recordId, recordType),
                createdAt, readAt);
    }
}
