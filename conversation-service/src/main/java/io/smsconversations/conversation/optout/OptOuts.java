package io.smsconversations.conversation.optout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The opt-out state of (customer number, business number) pairs, in the caller's transaction. */
@ApplicationScoped
public class OptOuts {

    /**
     * Keeps the latest change only: a reply that arrives late (providers redeliver out of order) never overrides a
     * newer one.
     */
    private static final String RECORD_CHANGE = """
            INSERT INTO opt_out (customer_number, business_number, opted_out, changed_at, source_event_id)
            VALUES (:customer, :business, :optedOut, :changedAt, :eventId)
            ON CONFLICT (customer_number, business_number) DO UPDATE
               SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at,
                   source_event_id = EXCLUDED.source_event_id
             WHERE opt_out.changed_at < EXCLUDED.changed_at""";

    private static final String LOCKED_STATE = """
            SELECT opted_out, changed_at FROM opt_out WHERE customer_number = :customer AND business_number = :business
            FOR UPDATE""";

    private static final String STATE = """
            SELECT opted_out, changed_at FROM opt_out WHERE customer_number = :customer AND business_number = :business""";

    /**
     * Records the change in the caller's transaction.
     *
     * @return whether the pair's state changed (opted out where it was not, or back in where it was out), so the
     *         caller announces it; a repeat, a late reply or an opt-in of a pair never opted out change nothing
     */
    public Uni<Boolean> record(String customer, String business, boolean optedOut, Instant at, String sourceEventId) {
        Instant changedAt = at.truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCKED_STATE, Object[].class)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .getSingleResultOrNull())
                .chain(previous -> write(customer, business, optedOut, changedAt, sourceEventId)
                        .map(written -> {
                            boolean wasOut = previous != null && (Boolean) previous[0];
                            return written > 0 && wasOut != optedOut;
                        }));
    }

    private Uni<Integer> write(String customer, String business, boolean optedOut, Instant at, String sourceEventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_CHANGE)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .setParameter("optedOut", optedOut)
                        .setParameter("changedAt", at)
                        .setParameter("eventId", sourceEventId)
                        .executeUpdate());
    }

    public Uni<OptOutState> state(String customer, String business) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(STATE, Object[].class)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .getSingleResultOrNull())
                .map(row -> row == null ? OptOutState.NEVER
                        : new OptOutState((Boolean) row[0], toInstant(row[1]))));
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
