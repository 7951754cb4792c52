package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;

/**
 * The thread between one customer number and one business number, attached to one record (SPEC §3). Rows are
 * created by {@link Threads#openForActivity}, never by {@code persist()}, because creation has to be race-safe.
 */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "record_id", nullable = false)
    public String recordId;

    @Enumerated(EnumType.STRING)
    @Column(name = "record_type", nullable = false)
    public RecordType recordType;

    @Column(name = "record_name")
    public String recordName;

    @Column(name = "record_owner_seller_id")
    public String recordOwnerSellerId;

    @Column(name = "record_owner_team_id")
    public String recordOwnerTeamId;

    @Column(name = "customer_number", nullable = false)
    public String customerNumber;

    @Column(name = "business_number", nullable = false)
    public String businessNumber;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    public RecordRef record() {
        Owner owner = recordOwnerSellerId == null && recordOwnerTeamId == null
                ? null
                : new Owner(recordOwnerSellerId, recordOwnerTeamId);
        return new RecordRef(recordId, recordType, recordName, owner);
    }
}
