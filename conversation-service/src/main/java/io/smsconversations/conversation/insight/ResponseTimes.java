package io.smsconversations.conversation.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the response-time insight (issue 14 item 6) up to date in the transaction that stores a message: a customer
 * message adds to its conversation's unanswered ones, a seller's message answers them (the time from the oldest
 * unanswered one is that answer's response time, for the conversation and for the seller) and, the first time, is
 * the conversation's first response. A few index-backed rows per message; nothing is ever recounted.
 * <p>
 * Callers write their rows before they append events (the outbox's lock order); the conversation row is locked by
 * then (its activity was bumped), so two messages of one conversation update its row one after the other.
 */
@ApplicationScoped
public class ResponseTimes {

    private static final String INBOUND = """
            INSERT INTO response_time (conversation_id, first_inbound_at, last_inbound_at, unanswered_since,
                    unanswered_count)
            VALUES (:id, :at, :at, :at, 1)
            ON CONFLICT (conversation_id) DO UPDATE SET
                first_inbound_at = LEAST(response_time.first_inbound_at, EXCLUDED.first_inbound_at),
                last_inbound_at = GREATEST(response_time.last_inbound_at, EXCLUDED.last_inbound_at),
                unanswered_since = LEAST(response_time.unanswered_since, EXCLUDED.unanswered_since),
                unanswered_count = response_time.unanswered_count + 1""";

    private static final String LOCKED = """
            SELECT first_inbound_at, first_response_at, unanswered_since FROM response_time
             WHERE conversation_id = :id FOR UPDATE""";

    private static final String ANSWERED = """
            UPDATE response_time SET unanswered_count = 0, unanswered_since = NULL,
                   last_response_at = GREATEST(last_response_at, :at),
                   responses = responses + :responses, total_response_ms = total_response_ms + :responseMs,
                   first_response_at = CASE WHEN :first THEN COALESCE(first_response_at, :at)
                                            ELSE first_response_at END,
                   first_responder = CASE WHEN :first THEN COALESCE(first_responder, :seller)
                                          ELSE first_responder END
             WHERE conversation_id = :id""";

    private static final String SELLER = """
            INSERT INTO seller_response_time (seller_id, responses, total_response_ms, first_responses,
                    total_first_response_ms, updated_at)
            VALUES (:seller, :responses, :responseMs, :firsts, :firstMs, now())
            ON CONFLICT (seller_id) DO UPDATE SET
                responses = seller_response_time.responses + EXCLUDED.responses,
                total_response_ms = seller_response_time.total_response_ms + EXCLUDED.total_response_ms,
                first_responses = seller_response_time.first_responses + EXCLUDED.first_responses,
                total_first_response_ms = seller_response_time.total_first_response_ms
                        + EXCLUDED.total_first_response_ms,
                updated_at = EXCLUDED.updated_at""";

    /** A customer's message (not a keyword) was stored in the conversation. */
    public Uni<Void> inbound(UUID conversationId, Instant at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INBOUND)
                        .setParameter("id", conversationId)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** A seller's message (typed, from a template, or released after quiet hours) was stored at {@code at}. */
    public Uni<Void> answered(UUID conversationId, String sellerId, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCKED, Object[].class)
                .setParameter("id", conversationId)
                .getSingleResultOrNull()
                .chain(row -> {
                    if (row == null || row[2] == null) {
                        // Nothing waiting (no customer message yet, or all answered): no response to time.
                        return Uni.createFrom().voidItem();
                    }
                    Instant firstInbound = instant(row[0]);
                    boolean first = row[1] == null && firstInbound != null;
                    long responseMs = millis(instant(row[2]), at);
                    long firstMs = first ? millis(firstInbound, at) : 0;
                    return session.createNativeQuery(ANSWERED)
                            .setParameter("id", conversationId)
                            .setParameter("at", at)
                            .setParameter("responses", 1)
                            .setParameter("responseMs", responseMs)
                            .setParameter("first", first)
                            .setParameter("seller", sellerId)
                            .executeUpdate()
                            .chain(() -> session.createNativeQuery(SELLER)
                                    .setParameter("seller", sellerId)
                                    .setParameter("responses", 1)
                                    .setParameter("responseMs", responseMs)
                                    .setParameter("firsts", first ? 1 : 0)
                                    .setParameter("firstMs", firstMs)
                                    .executeUpdate())
                            .replaceWithVoid();
                }));
    }

    /** A provider's clock may run ahead of ours: an answer is never timed below zero. */
    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        throw new IllegalStateException("unexpected time type " + value.getClass());
    }
}
