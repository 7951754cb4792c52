package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.RecordType;

/**
 * One routing decision, keyed by the inbound event's id: the candidates, the chosen record (as it was then), the rule
 * that decided, who was alerted, and whether the attach event has been acknowledged by Kafka.
 */
@Entity
@Table(name = "routing_decision")
public class RoutingDecisionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "inbound_event_id")
    public String inboundEventId;

    @Column(name = "customer_number", nullable = false, length = 16)
    public String customerNumber;

    @Column(name = "business_number", nullable = false, length = 16)
    public String businessNumber;

    @Column(name = "candidates_count", nullable = false)
    public int candidatesCount;

    @Column(name = "record_id", nullable = false, length = 128)
    public String recordId;

    @Enumerated(EnumType.STRING)
    @Column(name = "record_type", nullable = false, length = 16)
    public RecordType recordType;

    @Column(name = "record_name", nullable = false)
    public String recordName;

    @Column(name = "record_owner_seller_id", length = 128)
    public String recordOwnerSellerId;

    @Column(name = "record_owner_team_id", length = 128)
    public String recordOwnerTeamId;

    /** {@link DecidingRule#key()} */
    @Column(name = "rule_key", nullable = false, length = 32)
    public String ruleKey;

    @Column(name = "deciding_rule", nullable = false)
    public String decidingRule;

    @Column(name = "lead_created", nullable = false)
    public boolean leadCreated;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "attach_published_at")
    public Instant attachPublishedAt;

    // --- V2: what the decision looked at (null on decisions stored before)

    @Column(name = "provider", length = 64)
    public String provider;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    @Column(name = "last_conversation_record_id", length = 128)
    public String lastConversationRecordId;

    @Column(name = "last_conversation_at")
    public Instant lastConversationAt;

    /** {@link DecisionInputs} as JSON. */
    @Column(name = "inputs", columnDefinition = "text")
    public String inputs;

    @ElementCollection
    @CollectionTable(name = "routing_decision_candidate", joinColumns = @JoinColumn(name = "inbound_event_id"))
    @OrderColumn(name = "position")
    public List<DecisionCandidate> candidates = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "routing_decision_alert", joinColumns = @JoinColumn(name = "inbound_event_id"))
    @OrderColumn(name = "position")
    public List<DecisionAlert> alerts = new ArrayList<>();

    /** A candidate as it was when deciding; only the id is known for decisions stored before V2. */
    @Embeddable
    public static class DecisionCandidate {

        @Column(name = "record_id", nullable = false, length = 128)
        public String recordId;

        @Enumerated(EnumType.STRING)
        @Column(name = "record_type", length = 16)
        public RecordType recordType;

        @Column(name = "record_name")
        public String recordName;

        @Column(name = "owner_seller_id", length = 128)
        public String ownerSellerId;

        @Column(name = "owner_team_id", length = 128)
        public String ownerTeamId;

        @Column(name = "active")
        public Boolean active;

        @Column(name = "modified_on")
        public Instant modifiedOn;
    }

    /** An alerted seller, as decided. */
    @Embeddable
    public static class DecisionAlert {

        @Column(name = "seller_id", nullable = false, length = 128)
        public String sellerId;

        @Column(name = "seller_privilege", nullable = false)
        public boolean sellerPrivilege;
    }
}
