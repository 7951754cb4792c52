package io.smsconversations.conversation.optout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The opt-out state of (customer number, business number) pairs, in the caller's transaction.
 * <p>
 * A send and a change of the pair's state (a keyword reply, a provider's opt-out report) are serialised by a
 * transaction-scoped advisory lock on the pair ({@link #lockPair}), taken by both <em>before</em> they read or write
 * the state: a send that checks while a STOP is committing waits for the STOP's commit and then sees it, and a STOP
 * that arrives while a send is inserting waits for the send to commit (the send went out before the STOP, as it
 * would have a moment earlier). A row lock could not do this: the pair has no row until its first keyword. Every
 * transaction takes the pair lock first, before any row or outbox lock, so the lock order is the same everywhere.
 */
@ApplicationScoped
public class OptOuts {

    /**
     * Keeps the latest change only: a reply that arrives late (providers redeliver out of order) never overrides a
     * newer one.
     */
    private static final String RECORD_CHANGE = """
            INSERT INTO opt_out (customer_number, business_number, opted_out, changed_at, source_event_id, cause,
                    keyword, provider, provider_code)
            VALUES (:customer, :business, :optedOut, :changedAt, :eventId, :cause, :keyword, :provider, :providerCode)
            ON CONFLICT (customer_number, business_number) DO UPDATE
               SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at,
                   source_event_id = EXCLUDED.source_event_id, cause = EXCLUDED.cause, keyword = EXCLUDED.keyword,
                   provider = EXCLUDED.provider, provider_code = EXCLUDED.provider_code
             WHERE opt_out.changed_at < EXCLUDED.changed_at""";

    // Namespace 3 (the outbox's key locks are 1, the provider message locks 2).
    private static final String LOCK_PAIR = """
            SELECT 1 FROM (SELECT pg_advisory_xact_lock(3, hashtext(:lockKey))) AS locked""";

    private static final String STATE = """
            SELECT opted_out, changed_at, cause, keyword, provider, provider_code
              FROM opt_out WHERE customer_number = :customer AND business_number = :business""";

    // Column sizes of V10 (a provider's code is its own business; a longer one is cut, not refused).
    private static final int MAX_PROVIDER = 32;
    private static final int MAX_PROVIDER_CODE = 64;

    /**
     * Records the change in the caller's transaction, with what made it.
     *
     * @return whether the pair's state changed (opted out where it was not, or back in where it was out), so the
     *         caller announces it; a repeat, a late reply or an opt-in of a pair never opted out change nothing
     *         (a repeat still becomes the latest source, so the pane and a refusal name the latest reason)
     */
    public Uni<Boolean> record(String customer, String business, boolean optedOut, Instant at, String sourceEventId,
            OptOutSource source) {
        Instant changedAt = at.truncatedTo(ChronoUnit.MICROS);
        return lockedState(customer, business)
                .chain(previous -> write(customer, business, optedOut, changedAt, sourceEventId, source)
                        .map(written -> written > 0 && previous.optedOut() != optedOut));
    }

    /**
     * Serialises, until the caller's transaction ends, every send to the pair and every change of its state. Take it
     * before any other lock of the transaction. Re-entrant within a transaction.
     */
    public Uni<Void> lockPair(String customer, String business) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_PAIR, Object.class)
                        .setParameter("lockKey", pairKey(customer, business))
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The pair's state under its lock ({@link #lockPair}), in the caller's transaction: it cannot change meanwhile. */
    public Uni<OptOutState> lockedState(String customer, String business) {
        return lockPair(customer, business).chain(() -> state(customer, business));
    }

    /** The key the pair's lock hashes; tests that hold the lock use the same. */
    public static String pairKey(String customer, String business) {
        return customer + " " + business;
    }

    private Uni<Integer> write(String customer, String business, boolean optedOut, Instant at, String sourceEventId,
            OptOutSource source) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_CHANGE)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .setParameter("optedOut", optedOut)
                        .setParameter("changedAt", at)
                        .setParameter("eventId", sourceEventId)
                        .setParameter("cause", source.cause())
                        .setParameter("keyword", source.keyword())
                        .setParameter("provider", cut(source.provider(), MAX_PROVIDER))
                        .setParameter("providerCode", cut(source.providerCode(), MAX_PROVIDER_CODE))
                        .executeUpdate());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Uni<OptOutState> state(String customer, String business) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(STATE, Object[].class)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .getSingleResultOrNull())
                .map(row -> row == null ? OptOutState.NEVER
                        : new OptOutState((Boolean) row[0], toInstant(row[1]), (String) row[2], (String) row[3],
                                (String) row[4], (String) row[5])));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        throw new IllegalStateException("unexpected type for opt_out.changed_at: " + value.getClass());
    }
}
