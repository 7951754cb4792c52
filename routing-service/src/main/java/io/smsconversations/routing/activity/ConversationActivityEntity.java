package io.smsconversations.routing.activity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The conversation-activity projection: per (customer number, business number), the latest activity's record. */
@Entity
@Table(name = "conversation_activity")
public class ConversationActivityEntity extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "record_id", nullable = false, length = 128)
    public String recordId;

    @Column(name = "conversation_id", length = 128)
    public String conversationId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 128)
    public String eventType;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The two ends of a conversation, both E.164. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "customer_number", nullable = false, length = 16)
        public String customerNumber;

        @Column(name = "business_number", nullable = false, length = 16)
        public String businessNumber;

        public Key() {
        }

        public Key(String customerNumber, String businessNumber) {
            this.customerNumber = customerNumber;
            this.businessNumber = businessNumber;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(customerNumber, k.customerNumber)
                    && Objects.equals(businessNumber, k.businessNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerNumber, businessNumber);
        }
    }
}
