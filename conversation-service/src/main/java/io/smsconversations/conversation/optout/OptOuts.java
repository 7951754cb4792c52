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

    private static final String STATE = """
            SELECT opted_out, changed_at FROM opt_out WHERE customer_number = :customer AND business_number = :business""";

    public Uni<Void> record(String customer, String business, boolean optedOut, Instant at, String sourceEventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_CHANGE)
                        .setParameter("customer", customer)
                        .setParameter("business", business)
                        .setParameter("optedOut", optedOut)
                        .setParameter("changedAt", at.truncatedTo(ChronoUnit.MICROS))
                        .setParameter("eventId", sourceEventId)
                        .executeUpdate())
                .replaceWithVoid();
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
