package io.smsconversations.conversation.outbox;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends events to {@code outbox_event} in the caller's transaction (it must run inside
 * {@code Panache.withTransaction}), so an event exists exactly when the state change it announces was committed.
 * {@link OutboxRelay} publishes them.
 * <p>
 * Order per key: the append first takes a transaction-scoped advisory lock on (topic, key), so two transactions
 * announcing events of the same key run one after the other and the later one draws the higher id: id order is commit
 * order within a key, and the relay publishes in id order. Callers write their rows first and append their events
 * last, so row locks are always taken before key locks (no lock-order deadlock between transactions).
 */
@ApplicationScoped
public class Outbox {

    private static final String LOCK_KEY = """
            SELECT 1 FROM (SELECT pg_advisory_xact_lock(1, hashtext(:lockKey))) AS locked""";

    // CAST through text: the pg client would otherwise bind a String to a json parameter as a JSON string literal.
    private static final String APPEND = """
            INSERT INTO outbox_event (topic, message_key, ce_id, ce_type, ce_subject, ce_time, payload)
            VALUES (:topic, :key, :id, :type, :subject, :time, CAST(CAST(:payload AS text) AS json))""";

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> append(OutboxEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise " + event.type(), e));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_KEY, Object.class)
                        .setParameter("lockKey", event.topic() + " " + event.key())
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery(APPEND)
                                .setParameter("topic", event.topic())
                                .setParameter("key", event.key())
                                .setParameter("id", event.id())
                                .setParameter("type", event.type())
                                .setParameter("subject", event.subject())
                                .setParameter("time", event.time().truncatedTo(ChronoUnit.MICROS))
                                .setParameter("payload", payload)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
