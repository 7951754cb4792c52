package io.smsconversations.routing.decision;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.RecordType;
import io.smsconversations.routing.activity.LastConversation;
import io.smsconversations.routing.directory.DirectoryMapping;

/**
 * Everything one routing decision reads, as one SQL statement answering one JSON document: the candidates, the
 * business number's owners, the sellers involved with their teams, the team names and the latest conversation.
 * <p>
 * Why one statement: routing handles a message at a time per consumer, and the same reads as separate queries were
 * six sequential round trips to PostgreSQL (plus Hibernate building the plan of each JPQL query with a list parameter
 * anew on every call); on a busy machine each round trip waits for a core. Every part is an index probe (primary
 * keys, {@code directory_record_phone_number_idx}, {@code directory_seller_team_team_idx}), whatever the directory's
 * size. The sets are the ones the separate queries read: owners are the sellers named by the number or by a
 * candidate (when the directory has them), members are the sellers of the teams named by the number or a candidate,
 * and the names are those of the teams involved plus the owners' teams.
 */
final class SnapshotQuery {

    /**
     * ?1 the customer's number, ?2 the business number (both E.164), ?3 the inbound event id: whether a decision is
     * already stored for it rides along, so the usual case (a new event) needs no query of its own for that.
     */
    static final String SQL = """
            WITH candidate AS (
                SELECT r.id, r.type, r.name, r.owner_seller_id, r.owner_team_id, r.active, r.modified_on
                FROM directory_record r
                WHERE r.id IN (SELECT p.record_id FROM directory_record_phone p WHERE p.number = ?1)),
            number_seller AS (SELECT bs.seller_id FROM directory_business_number_seller bs WHERE bs.number = ?2),
            number_team AS (SELECT bt.team_id FROM directory_business_number_team bt WHERE bt.number = ?2),
            team_involved AS (
                SELECT team_id FROM number_team
                UNION SELECT owner_team_id FROM candidate WHERE owner_team_id IS NOT NULL),
            owner AS (
                SELECT s.id FROM directory_seller s
                WHERE s.id IN (SELECT seller_id FROM number_seller
                               UNION SELECT owner_seller_id FROM candidate WHERE owner_seller_id IS NOT NULL)),
            involved AS (
                SELECT id FROM owner
                UNION SELECT m.seller_id FROM directory_seller_team m
                      WHERE m.team_id IN (SELECT team_id FROM team_involved)),
            named AS (
                SELECT team_id FROM team_involved
                UNION SELECT ot.team_id FROM directory_seller_team ot WHERE ot.seller_id IN (SELECT id FROM owner))
            SELECT CAST(json_build_object(
                'decided', EXISTS (SELECT 1 FROM routing_decision d WHERE d.inbound_event_id = ?3),
                'numberKnown', EXISTS (SELECT 1 FROM directory_business_number b WHERE b.number = ?2),
                'candidates', (SELECT json_agg(json_build_object('id', c.id, 'type', c.type, 'name', c.name,
                        'ownerSellerId', c.owner_seller_id, 'ownerTeamId', c.owner_team_id, 'active', c.active,
                        'modifiedOn', c.modified_on) ORDER BY c.id) FROM candidate c),
                'numberSellerIds', (SELECT json_agg(seller_id) FROM number_seller),
                'numberTeamIds', (SELECT json_agg(team_id) FROM number_team),
                'sellers', (SELECT json_agg(json_build_object('id', s.id, 'sellerPrivilege', s.seller_privilege,
                        'teamIds', (SELECT json_agg(st.team_id) FROM directory_seller_team st
                                    WHERE st.seller_id = s.id)))
                        FROM directory_seller s WHERE s.id IN (SELECT id FROM involved)),
                'teamNames', (SELECT json_object_agg(t.id, t.name) FROM directory_team t
                        WHERE t.id IN (SELECT team_id FROM named)),
                'lastConversation', (SELECT json_build_object('recordId', a.record_id, 'at', a.occurred_at)
                        FROM conversation_activity a WHERE a.customer_number = ?1 AND a.business_number = ?2)
            ) AS text)""";

    private SnapshotQuery() {
    }

    /** The statement's document; an empty set is {@code null} in it (SQL aggregates of nothing). */
    record Row(boolean decided, boolean numberKnown, List<CandidateRow> candidates, List<String> numberSellerIds,
            List<String> numberTeamIds, List<SellerRow> sellers, Map<String, String> teamNames,
            ActivityRow lastConversation) {
    }

    record CandidateRow(String id, RecordType type, String name, String ownerSellerId, String ownerTeamId,
            boolean active, OffsetDateTime modifiedOn) {
    }

    record SellerRow(String id, boolean sellerPrivilege, List<String> teamIds) {
    }

    record ActivityRow(String recordId, OffsetDateTime at) {
    }

    /** The snapshot, unless a decision is already stored for the event (empty: the caller reads that one). */
    static Optional<RoutingSnapshot> read(String document, String businessNumber, ObjectMapper json) {
        Row row;
        try {
            row = json.readValue(document, Row.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read the routing snapshot's document", e);
        }
        if (row.decided()) {
            return Optional.empty();
        }
        List<Candidate> candidates = orEmpty(row.candidates()).stream()
                .map(c -> new Candidate(c.id(), c.type(), c.name(),
                        DirectoryMapping.owner(c.ownerSellerId(), c.ownerTeamId()), c.active(),
                        c.modifiedOn() == null ? null : c.modifiedOn().toInstant()))
                .toList();
        NumberAssignment assignment = row.numberKnown()
                ? new NumberAssignment(businessNumber, new TreeSet<>(orEmpty(row.numberSellerIds())),
                        new TreeSet<>(orEmpty(row.numberTeamIds())))
                : NumberAssignment.unassigned(businessNumber);
        List<SellerInfo> sellers = new ArrayList<>();
        orEmpty(row.sellers()).forEach(s -> sellers.add(new SellerInfo(s.id(), Set.copyOf(orEmpty(s.teamIds())),
                s.sellerPrivilege())));
        Optional<LastConversation> last = Optional.ofNullable(row.lastConversation())
                .map(a -> new LastConversation(a.recordId(), a.at().toInstant()));
        Map<String, String> names = row.teamNames() == null ? Map.of() : new TreeMap<>(row.teamNames());
        return Optional.of(new RoutingSnapshot(candidates, assignment, row.numberKnown(),
                SellerDirectory.of(sellers), last, names));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
