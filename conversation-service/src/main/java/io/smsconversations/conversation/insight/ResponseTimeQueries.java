package io.smsconversations.conversation.insight;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Visibility;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the kept response times; each answer is a primary-key read, or a walk of the waiting conversations only. */
@ApplicationScoped
public class ResponseTimeQueries {

    private static final String CONVERSATION = """
            SELECT first_inbound_at, first_response_at, first_responder, unanswered_count, unanswered_since,
                   responses, total_response_ms
              FROM response_time WHERE conversation_id = $1""";

    private static final String SELLER = """
            SELECT responses, total_response_ms, first_responses, total_first_response_ms
              FROM seller_response_time WHERE seller_id = $1""";

    /** response_time_unanswered first (the waiting conversations), then the visibility probes of each. */
    static final String WAITING = """
            SELECT count(*) AS conversations, COALESCE(sum(rt.unanswered_count), 0) AS messages,
                   min(rt.unanswered_since) AS oldest
              FROM response_time rt JOIN conversation c ON c.id = rt.conversation_id
             WHERE rt.unanswered_count > 0 AND """ + Visibility.CONVERSATION.replace(":sellerId", "$1");

    private final Pool pool;

    public ResponseTimeQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<ConversationResponseTimes> conversation(UUID conversationId) {
        return pool.preparedQuery(CONVERSATION).execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? ConversationResponseTimes.none(conversationId)
                        : conversation(conversationId, rows.iterator().next()));
    }

    public Uni<SellerResponseTimes> seller(String sellerId) {
        return pool.preparedQuery(SELLER).execute(Tuple.of(sellerId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next())
                .chain(own -> pool.preparedQuery(WAITING).execute(Tuple.of(sellerId))
                        .map(rows -> {
                            Row waiting = rows.iterator().next();
                            int responses = own == null ? 0 : own.getInteger("responses");
                            int firsts = own == null ? 0 : own.getInteger("first_responses");
                            return new SellerResponseTimes(sellerId, responses,
                                    average(own == null ? 0 : own.getLong("total_response_ms"), responses), firsts,
                                    average(own == null ? 0 : own.getLong("total_first_response_ms"), firsts),
                                    waiting.getLong("messages"), waiting.getLong("conversations"),
                                    instant(waiting.getOffsetDateTime("oldest")));
                        }));
    }

    private static ConversationResponseTimes conversation(UUID id, Row row) {
        OffsetDateTime firstInbound = row.getOffsetDateTime("first_inbound_at");
        OffsetDateTime firstResponse = row.getOffsetDateTime("first_response_at");
        int responses = row.getInteger("responses");
        Long toFirst = firstInbound == null || firstResponse == null ? null
                : Math.max(0, java.time.Duration.between(firstInbound, firstResponse).toMillis());
        return new ConversationResponseTimes(id, instant(firstInbound), instant(firstResponse),
                row.getString("first_responder"), toFirst, row.getInteger("unanswered_count"),
                instant(row.getOffsetDateTime("unanswered_since")), responses,
                average(row.getLong("total_response_ms"), responses));
    }

    private static Long average(long total, int count) {
        return count == 0 ? null : total / count;
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
