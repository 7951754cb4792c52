package io.smsconversations.conversation.move;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serialises, per customer and business number, a move of their conversation with the storing of a reply between
 * them: a reply stored while a move commits waits for it and then sees the move (and is redirected, see
 * {@code attach.MoveRedirects}), instead of reading "no move" and creating a second thread on the record the move has
 * just left. A transaction advisory lock, taken after the pair's opt-out lock and before any row lock.
 */
@ApplicationScoped
public class MoveLocks {

    // Namespace 4 (the outbox's key locks are 1, the provider message locks 2, the pair's opt-out lock 3).
    private static final String LOCK_PAIR = """
            SELECT 1 FROM (SELECT pg_advisory_xact_lock(4, hashtext(:lockKey))) AS locked""";

    /** Holds the pair until the caller's transaction ends. Re-entrant within a transaction. */
    public Uni<Void> lockPair(String customer, String business) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_PAIR, Object.class)
                        .setParameter("lockKey", customer + " " + business)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
