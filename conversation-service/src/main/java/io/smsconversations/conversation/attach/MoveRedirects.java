package io.smsconversations.conversation.attach;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Issue 16: routing-service learns of a move only from Kafka, a moment after the move has answered, so a reply that
 * comes at once is still decided for the record the conversation has just left, and would open a second thread
 * there. Such a reply belongs in the moved conversation, as it would have been had routing known (rule 1).
 * <p>
 * A reply is redirected when routing chose the record a move of its pair took the conversation away from, and the
 * move is later than every conversation activity routing knew of (so routing decided without it), and that record
 * has had no conversation of the pair since the move (a seller who started one there, or a reply routing sent there
 * knowing of the move, made it the pair's latest again). The times compared are all this service's: a move's time
 * and the activity times it announced, which routing only passes on. A decision that does not say what routing saw
 * (an older routing-service) is never redirected.
 */
@ApplicationScoped
public class MoveRedirects {

    /** The latest move, routing did not know of, that took the pair's conversation away from the chosen record. */
    static final String UNSEEN_MOVE = """
            SELECT m.id, m.conversation_id
              FROM conversation_move m
              JOIN conversation moved ON moved.id = m.conversation_id AND moved.record_id <> :record
             WHERE m.customer_number = :customer AND m.business_number = :business AND m.from_record_id = :record
               AND m.moved_at > :seenAt
               AND NOT EXISTS (SELECT 1 FROM conversation since
                                WHERE since.record_id = :record AND since.customer_number = :customer
                                  AND since.business_number = :business AND since.last_activity_at > m.moved_at)
             ORDER BY m.moved_at DESC, m.id DESC
             LIMIT 1""";

    /** The move a reply follows, and the conversation it took (now). */
    public record Redirect(UUID moveId, UUID conversationId) {
    }

    /** In the caller's transaction, which holds the pair's move lock (so no move commits meanwhile). */
    public Uni<Optional<Redirect>> find(Attachment attachment) {
        Attachment.RoutingView routing = attachment.routing();
        if (routing == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        // Routing knew no activity at all: every move is later than what it saw.
        Instant seenAt = routing.lastActivityAt() == null ? Instant.EPOCH : routing.lastActivityAt();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UNSEEN_MOVE, Object[].class)
                        .setParameter("record", attachment.record().id())
                        .setParameter("customer", attachment.customerNumber())
                        .setParameter("business", attachment.businessNumber())
                        .setParameter("seenAt", seenAt)
                        .getResultList())
                .map(rows -> rows.stream().findFirst()
                        .map(row -> new Redirect(uuid(row[0]), uuid(row[1]))));
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID id ? id : UUID.fromString(value.toString());
    }
}
