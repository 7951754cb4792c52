package io.smsconversations.conversation.move;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.RecordType;

/** A recorded move (V8 {@code conversation_move}). */
@Entity
@Table(name = "conversation_move")
public class ConversationMove extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The conversation as it is now (re-pointed when it is merged into another later). */
    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "from_conversation_id", nullable = false)
    public UUID fromConversationId;

    /** The conversation's two ends (V13): the attach path looks a pair's moves up by them. */
    @Column(name = "customer_number", nullable = false)
    public String customerNumber;

    @Column(name = "business_number", nullable = false)
    public String businessNumber;

    @Column(name = "from_record_id", nullable = false)
    public String fromRecordId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_record_type", nullable = false)
    public RecordType fromRecordType;

    @Column(name = "from_record_name")
    public String fromRecordName;

    @Column(name = "to_record_id", nullable = false)
    public String toRecordId;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_record_type", nullable = false)
    public RecordType toRecordType;

    @Column(name = "to_record_name")
    public String toRecordName;

    @Column(name = "moved_by", nullable = false)
    public String movedBy;

    @Column(name = "moved_at", nullable = false)
    public Instant movedAt;

    @Column(name = "merged", nullable = false)
    public boolean merged;
}
