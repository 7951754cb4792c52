package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.RecordRef;
import io.smsconversations.routing.directory.DirectoryMapping;

/** The routing decisions table: one row per inbound event id, written once. */
@ApplicationScoped
public class DecisionStore {

    private static final String INSERT = """
            INSERT INTO routing_decision (inbound_event_id, customer_number, business_number, candidates_count,
                record_id, record_type, record_name, record_owner_seller_id, record_owner_team_id, rule_key,
                deciding_rule, lead_created, decided_at, provider, provider_message_id, last_conversation_record_id,
                last_conversation_at, inputs)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT (inbound_event_id) DO NOTHING""";

    private final ObjectMapper json;

    DecisionStore(ObjectMapper json) {
        this.json = json;
    }

    /** A stored decision, and when its attach event was acknowledged by Kafka (null: not yet). */
    public record Stored(Decision decision, Instant attachPublishedAt) {

        public boolean attachPublished() {
            return attachPublishedAt != null;
        }
    }

    public Uni<Optional<Stored>> find(String inboundEventId) {
        return Panache.withSession(() -> RoutingDecisionEntity.<RoutingDecisionEntity> find(
                "select distinct d from RoutingDecisionEntity d left join fetch d.candidates "
                        + "left join fetch d.alerts where d.inboundEventId = ?1",
                inboundEventId).list())
                .map(rows -> rows.stream().findFirst().map(this::stored));
    }

    /**
     * The decision for a provider's message: by the provider and its message id as stored, or (decisions stored
     * before they were) by the event id the gateway derives from them.
     */
    public Uni<Optional<Stored>> findByProviderMessage(String provider, String providerMessageId) {
        return Panache.withSession(() -> RoutingDecisionEntity.<RoutingDecisionEntity> find(
                "select distinct d from RoutingDecisionEntity d left join fetch d.candidates "
                        + "left join fetch d.alerts where (d.providerMessageId = ?1 and d.provider = ?2) "
                        + "or d.inboundEventId = ?3 order by d.decidedAt",
                providerMessageId, provider, EventIds.inboundMessage(provider, providerMessageId)).list())
                .map(rows -> rows.stream().findFirst().map(this::stored));
    }

    /**
     * Stores {@code decision} unless one exists for its event, and returns the one that is stored: the first decision
     * for an event is the decision.
     */
    public Uni<Decision> insert(Decision d) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter(1, d.inboundEventId())
                .setParameter(2, d.customerNumber())
                .setParameter(3, d.businessNumber())
                .setParameter(4, d.candidateIds().size())
                .setParameter(5, d.record().id())
                .setParameter(6, d.record().type().name())
                .setParameter(7, d.record().name())
                .setParameter(8, d.record().owner() == null ? null : d.record().owner().sellerId())
                .setParameter(9, d.record().owner() == null ? null : d.record().owner().teamId())
                .setParameter(10, d.rule().key())
                .setParameter(11, d.reason())
                .setParameter(12, d.leadCreated())
                .setParameter(13, d.decidedAt())
                .setParameter(14, d.provider())
                .setParameter(15, d.providerMessageId())
                .setParameter(16, d.inputs() == null ? null : d.inputs().lastConversationRecordId())
                .setParameter(17, d.inputs() == null ? null : d.inputs().lastConversationAt())
                .setParameter(18, d.inputs() == null ? null : toJson(d.inputs()))
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? find(d.inboundEventId()).map(found -> found.orElseThrow().decision())
                        : insertCandidates(session, d).chain(() -> insertAlerts(session, d)).replaceWith(d))));
    }

    public Uni<Void> markAttachPublished(String inboundEventId, Instant at) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE routing_decision SET attach_published_at = ?2 WHERE inbound_event_id = ?1 "
                        + "AND attach_published_at IS NULL")
                .setParameter(1, inboundEventId).setParameter(2, at).executeUpdate()))
                .replaceWithVoid();
    }

    private static final int CANDIDATE_COLUMNS = 7;

    private static Uni<Void> insertCandidates(Mutiny.Session session, Decision d) {
        List<Candidate> candidates = d.candidates();
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO routing_decision_candidate (inbound_event_id, position, "
                + "record_id, record_type, record_name, owner_seller_id, owner_team_id, active, modified_on) VALUES ");
        for (int i = 0; i < candidates.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ").append(i);
            for (int c = 0; c < CANDIDATE_COLUMNS; c++) {
                sql.append(", ?").append(2 + CANDIDATE_COLUMNS * i + c);
            }
            sql.append(')');
        }
        Mutiny.Query<Object> insert = session.createNativeQuery(sql.toString());
        insert.setParameter(1, d.inboundEventId());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            int first = 2 + CANDIDATE_COLUMNS * i;
            insert.setParameter(first, c.id());
            insert.setParameter(first + 1, c.type() == null ? null : c.type().name());
            insert.setParameter(first + 2, c.name());
            insert.setParameter(first + 3, c.ownerSellerId());
            insert.setParameter(first + 4, c.ownerTeamId());
            insert.setParameter(first + 5, c.active());
            insert.setParameter(first + 6, c.modifiedOn());
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    private static Uni<Void> insertAlerts(Mutiny.Session session, Decision d) {
        List<AlertRecipient> alerts = d.alerts();
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO routing_decision_alert (inbound_event_id, position, seller_id, seller_privilege) VALUES ");
        for (int i = 0; i < alerts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ").append(i).append(", ?").append(2 + 2 * i)
                    .append(", ?").append(3 + 2 * i).append(')');
        }
        Mutiny.Query<Object> insert = session.createNativeQuery(sql.toString());
        insert.setParameter(1, d.inboundEventId());
        for (int i = 0; i < alerts.size(); i++) {
            insert.setParameter(2 + 2 * i, alerts.get(i).sellerId());
            insert.setParameter(3 + 2 * i, alerts.get(i).sellerPrivilege());
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    private Stored stored(RoutingDecisionEntity e) {
        RecordRef record = new RecordRef(e.recordId, e.recordType, e.recordName,
                DirectoryMapping.owner(e.recordOwnerSellerId, e.recordOwnerTeamId));
        List<AlertRecipient> alerts = e.alerts.stream()
                .map(a -> new AlertRecipient(a.sellerId, a.sellerPrivilege)).toList();
        List<Candidate> candidates = e.candidates.stream()
                .map(c -> new Candidate(c.recordId, c.recordType, c.recordName,
                        DirectoryMapping.owner(c.ownerSellerId, c.ownerTeamId), Boolean.TRUE.equals(c.active),
                        c.modifiedOn))
                .toList();
        Decision decision = new Decision(e.inboundEventId, e.provider, e.providerMessageId, e.customerNumber,
                e.businessNumber, candidates, record, Decision.ruleOf(e.ruleKey), e.decidingRule, alerts,
                e.leadCreated, e.decidedAt, fromJson(e.inputs));
        return new Stored(decision, e.attachPublishedAt);
    }

    private String toJson(DecisionInputs inputs) {
        try {
            return json.writeValueAsString(inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the decision inputs as JSON", e);
        }
    }

    private DecisionInputs fromJson(String inputs) {
        if (inputs == null) {
            return null;
        }
        try {
            return json.readValue(inputs, DecisionInputs.class);
        } catch (JsonProcessingException e) {
            // Only the explanation reads them: an unreadable document must not stop a republication.
            return null;
        }
    }
}
