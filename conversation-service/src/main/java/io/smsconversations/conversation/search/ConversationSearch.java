package io.smsconversations.conversation.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.conversation.thread.RecordView;
import io.smsconversations.events.E164;
import io.smsconversations.events.RecordType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Full-text search over the caller's visible conversations (issue 14 item 5): the words in any message's body or in
 * the record's name (PostgreSQL full-text search, GIN expression indexes of V23), or the customer number typed in any format
 * (normalised to E.164 by libphonenumber, then the number's index). The candidates come from the indexes only; the
 * visibility rule then keeps the caller's, most recent activity first.
 */
@ApplicationScoped
public class ConversationSearch {

    private static final String HITS = """
            WITH q AS (SELECT plainto_tsquery('simple', $1) AS query),
            hits AS (
                SELECT m.conversation_id AS id FROM message m, q WHERE to_tsvector('simple', coalesce(m.body, '')) @@ q.query
                UNION
                SELECT c.id FROM conversation c, q WHERE to_tsvector('simple', coalesce(c.record_name, '')) @@ q.query
                UNION
                SELECT c.id FROM conversation c WHERE c.customer_number = $2
            )
            SELECT c.id, c.record_id, c.record_type, c.record_name, c.customer_number, c.business_number,
                   c.last_activity_at, to_tsvector('simple', coalesce(c.record_name, '')) @@ q.query AS by_name, c.customer_number = $2 AS by_number
              FROM conversation c JOIN hits h ON h.id = c.id, q
             WHERE %s
             ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $4""";

    private static final String SNIPPETS = """
            SELECT m.id, m.conversation_id, m.occurred_at,
                   ts_headline('simple', m.body, plainto_tsquery('simple', $1),
                               'StartSel=**, StopSel=**, MaxWords=16, MinWords=6, MaxFragments=1') AS snippet
              FROM message m
             WHERE m.conversation_id = ANY($2) AND to_tsvector('simple', coalesce(m.body, '')) @@ plainto_tsquery('simple', $1)
             ORDER BY m.conversation_id, m.occurred_at DESC, m.id DESC""";

    private static final int SNIPPETS_PER_CONVERSATION = 3;

    private final Pool pool;
    private final String defaultRegion;

    public ConversationSearch(Pool pool,
            @ConfigProperty(name = "conversation.search.default-region", defaultValue = "US") String defaultRegion) {
        this.pool = pool;
        this.defaultRegion = defaultRegion;
    }

    /** The caller's conversations matching {@code text}, at most {@code limit}. */
    public Uni<List<SearchHit>> search(Caller caller, String text, int limit) {
        // Not a number: a value no conversation has, so that branch finds nothing.
        String number = asNumber(text).orElse("");
        // An admin sees all; $3 is still bound, so it is used (a prepared statement must type every parameter).
        String visible = caller.admin() ? "$3::text IS NOT NULL" : Visibility.CONVERSATION.replace(":sellerId", "$3");
        return pool.preparedQuery(HITS.formatted(visible))
                .execute(Tuple.of(text, number, caller.admin() ? "" : caller.sellerId(), limit))
                .chain(rows -> {
                    Map<UUID, Row> found = new LinkedHashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("id"), row));
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(List.<SearchHit>of());
                    }
                    return pool.preparedQuery(SNIPPETS)
                            .execute(Tuple.of(text, found.keySet().toArray(UUID[]::new)))
                            .map(snippets -> hits(found, snippets));
                });
    }

    /** A customer number in any format: international, or national in the configured region. */
    Optional<String> asNumber(String text) {
        if (text.chars().filter(Character::isDigit).count() < 6) {
            return Optional.empty();
        }
        return E164.normalise(text).or(() -> E164.normalise(text, defaultRegion));
    }

    private static List<SearchHit> hits(Map<UUID, Row> found, Iterable<Row> snippets) {
        Map<UUID, List<SearchHit.MatchedMessage>> messages = new LinkedHashMap<>();
        for (Row row : snippets) {
            List<SearchHit.MatchedMessage> list = messages.computeIfAbsent(row.getUUID("conversation_id"),
                    id -> new ArrayList<>());
            if (list.size() < SNIPPETS_PER_CONVERSATION) {
                list.add(new SearchHit.MatchedMessage(row.getUUID("id"),
                        row.getOffsetDateTime("occurred_at").toInstant(), row.getString("snippet")));
            }
        }
        List<SearchHit> hits = new ArrayList<>();
        found.forEach((id, row) -> {
            List<String> matchedOn = new ArrayList<>();
            List<SearchHit.MatchedMessage> matched = messages.getOrDefault(id, List.of());
            if (!matched.isEmpty()) {
                matchedOn.add("BODY");
            }
            if (Boolean.TRUE.equals(row.getBoolean("by_name"))) {
                matchedOn.add("RECORD_NAME");
            }
            if (Boolean.TRUE.equals(row.getBoolean("by_number"))) {
                matchedOn.add("CUSTOMER_NUMBER");
            }
            hits.add(new SearchHit(id, new RecordView(row.getString("record_id"),
                    RecordType.valueOf(row.getString("record_type")), row.getString("record_name")),
                    row.getString("customer_number"), row.getString("business_number"),
                    row.getOffsetDateTime("last_activity_at").toInstant(), matchedOn, matched));
        });
        return hits;
    }
}
