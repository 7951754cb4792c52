package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.RecordRef;
import io.smsconversations.routing.directory.DirectoryMapping;

/** The routing decisions table: one row per inbound event id, written once. */
@ApplicationScoped
public class DecisionStore {

    private static final String INSERT = """
            INSERT INTO routing_decision (inbound_event_id, customer_number, business_number, candidates_count,
                record_id, record_type, record_name, record_owner_seller_id, record_owner_team_id, rule_key,
                deciding_rule, lead_created, decided_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            ON CONFLICT (inbound_event_id) DO NOTHING""";

    /** A stored decision, and whether its attach event was acknowledged by Kafka. */
    public record Stored(Decision decision, boolean attachPublished) {
    }

    public Uni<Optional<Stored>> find(String inboundEventId) {
        return Panache.withSession(() -> RoutingDecisionEntity.<RoutingDecisionEntity> find(
                "select distinct d from RoutingDecisionEntity d left join fetch d.candidateIds "
                        + "left join fetch d.alerts where d.inboundEventId = ?1",
                inboundEventId).list())
                .map(rows -> rows.stream().findFirst().map(DecisionStore::stored));
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

    private static Uni<Void> insertCandidates(Mutiny.Session session, Decision d) {
        List<String> ids = d.candidateIds();
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO routing_decision_candidate (inbound_event_id, position, record_id) VALUES ");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ").append(i).append(", ?").append(i + 2).append(')');
        }
        Mutiny.Query<Object> insert = session.createNativeQuery(sql.toString());
        insert.setParameter(1, d.inboundEventId());
        for (int i = 0; i < ids.size(); i++) {
            insert.setParameter(i + 2, ids.get(i));
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

    private static Stored stored(RoutingDecisionEntity e) {
        RecordRef record = new RecordRef(e.recordId, e.recordType, e.recordName,
                DirectoryMapping.owner(e.recordOwnerSellerId, e.recordOwnerTeamId));
        List<AlertRecipient> alerts = e.alerts.stream()
                .map(a -> new AlertRecipient(a.sellerId, a.sellerPrivilege)).toList();
        Decision decision = new Decision(e.inboundEventId, e.customerNumber, e.businessNumber, e.candidateIds,
                record, Decision.ruleOf(e.ruleKey), e.decidingRule, alerts, e.leadCreated, e.decidedAt);
        return new Stored(decision, e.attachPublishedAt != null);
    }
}
