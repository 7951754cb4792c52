package io.smsconversations.conversation.unread;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.restproblems.Problem;

/**
 * Read marks (V7): per seller and conversation, the position in the history (occurred_at, id) up to which the seller
 * has read. Unread = the inbound messages after the mark; no mark = every inbound message. The mark only moves
 * forward, so a second device showing an older page cannot make read messages unread again.
 * <p>
 * A message that arrives late with a provider time before the mark counts as read: the mark follows the history's
 * order (what the pane shows), not the order of arrival.
 */
@ApplicationScoped
public class ReadMarks {

    /**
     * Joins the read mark {@code rm} of the seller named by {@code sellerParameter} to {@code conversation c}: a
     * primary-key probe.
     */
    public static String readMarkJoin(String sellerParameter) {
        return "LEFT JOIN conversation_read rm ON rm.conversation_id = c.id AND rm.seller_id = " + sellerParameter;
    }

    // The messages after the mark, in message_inbound_history (partial index on inbound messages): a range scan from
    // the mark on, answered from the index alone. Without a mark every inbound message counts.
    private static final String AFTER_MARK = """
            FROM message um
            WHERE um.conversation_id = c.id AND um.direction = 'INBOUND'
              AND (um.occurred_at, um.id) > (COALESCE(rm.read_at, CAST('-infinity' AS timestamptz)),
                                             COALESCE(rm.read_message_id,
                                                      CAST('00000000-0000-0000-0000-000000000000' AS uuid)))""";

    /** The unread count of {@code conversation c} for the mark joined by {@link #readMarkJoin}. */
    public static final String UNREAD_COUNT = "(SELECT count(*) " + AFTER_MARK + ")";

    /** Whether {@code conversation c} has an unread message for the mark joined by {@link #readMarkJoin}. */
    public static final String HAS_UNREAD = "EXISTS (SELECT 1 " + AFTER_MARK + ")";

    private static final String MESSAGE_OF_CONVERSATION = """
            SELECT count(*) FROM message WHERE id = :message AND conversation_id = :conversation""";

    private static final String INSERT_MARK = """
            INSERT INTO conversation_read (conversation_id, seller_id, read_at, read_message_id, marked_at)
            """;

    // An existing mark moves only forward: it takes the new one unless it already stands at or after it.
    private static final String FORWARD_ONLY = """

            ON CONFLICT (conversation_id, seller_id) DO UPDATE
            SET read_at = EXCLUDED.read_at, read_message_id = EXCLUDED.read_message_id, marked_at = EXCLUDED.marked_at
            WHERE (conversation_read.read_at, conversation_read.read_message_id)
                < (EXCLUDED.read_at, EXCLUDED.read_message_id)""";

    // Moves the mark to the message.
    private static final String MARK = INSERT_MARK + """
            SELECT m.conversation_id, :seller, m.occurred_at, m.id, now()
            FROM message m
            WHERE m.conversation_id = :conversation AND %s
            ORDER BY m.occurred_at DESC, m.id DESC
            LIMIT 1""" + FORWARD_ONLY;

    // The same forward-only move, to a message the caller's transaction has just written (not flushed yet, so it is
    // named by its values rather than selected).
    private static final String MARK_SENT = INSERT_MARK + "VALUES (:conversation, :seller, :at, :message, now())"
            + FORWARD_ONLY;

    // A merge: each seller's mark on the merged-away conversation joins the surviving one's; the further one stays.
    private static final String CARRY_OVER = INSERT_MARK + """
            SELECT :into, seller_id, read_at, read_message_id, marked_at
            FROM conversation_read WHERE conversation_id = :moved""" + FORWARD_ONLY;

    private static final String MARK_LATEST = MARK.formatted("TRUE");
    private static final String MARK_MESSAGE = MARK.formatted("m.id = :message");

    private static final String STATE = "SELECT rm.read_at, rm.read_message_id, " + UNREAD_COUNT + " AS unread_count"
            + " FROM conversation c " + readMarkJoin(":seller") + " WHERE c.id = :conversation";

    private final ConversationQueries conversations;

    ReadMarks(ConversationQueries conversations) {
        this.conversations = conversations;
    }

    /**
     * Marks the conversation read by {@code caller} up to {@code upTo} (a message of it), or up to its newest message
     * when {@code upTo} is null, in one transaction on the session (the mark is written, then read back with the
     * unread count). 404 when the caller may not see the conversation; 422 when {@code upTo} is not one of its
     * messages.
     */
    public Uni<ReadState> markRead(Caller caller, UUID conversationId, UUID upTo) {
        return Panache.withTransaction(() -> conversations.requireVisible(caller, conversationId)
                .chain(conversation -> upTo == null
                        ? mark(MARK_LATEST, conversationId, caller.sellerId(), null)
                        : requireMessage(conversationId, upTo)
                                .chain(() -> mark(MARK_MESSAGE, conversationId, caller.sellerId(), upTo)))
                .chain(() -> state(caller, conversationId)));
    }

    private static Uni<Void> requireMessage(UUID conversationId, UUID messageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MESSAGE_OF_CONVERSATION, Object.class)
                        .setParameter("message", messageId)
                        .setParameter("conversation", conversationId)
                        .getSingleResult())
                .invoke(found -> {
                    if (((Number) found).longValue() == 0) {
                        throw Problem.of(422).detail("upTo is not a message of this conversation").build();
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> mark(String sql, UUID conversationId, String sellerId, UUID messageId) {
        return Panache.getSession()
                .chain(session -> {
                    var statement = session.createNativeQuery(sql)
                            .setParameter("conversation", conversationId)
                            .setParameter("seller", sellerId);
                    if (messageId != null) {
                        statement.setParameter("message", messageId);
                    }
                    return statement.executeUpdate();
                })
                .replaceWithVoid();
    }

    /**
     * Marks the conversation read by the sender up to the message they have just sent (at {@code occurredAt}), in
     * the caller's transaction: their own reply means they have read what came before it.
     */
    public Uni<Void> markSent(UUID conversationId, String sellerId, UUID messageId, Instant occurredAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_SENT)
                        .setParameter("conversation", conversationId)
                        .setParameter("seller", sellerId)
                        .setParameter("at", occurredAt)
                        .setParameter("message", messageId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Carries the read marks of {@code moved} over to {@code into} (a move merges the two), keeping per seller the
     * mark further in the history's order, in the caller's transaction. The moved conversation's own marks go with
     * its row.
     */
    public static Uni<Void> carryOver(UUID moved, UUID into) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CARRY_OVER)
                        .setParameter("moved", moved)
                        .setParameter("into", into)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The caller's read mark and unread count of the conversation, on the caller's session (visibility is the
     * caller's concern).
     */
    public Uni<ReadState> state(Caller caller, UUID conversationId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(STATE, Object[].class)
                        .setParameter("conversation", conversationId)
                        .setParameter("seller", caller.sellerId())
                        .getSingleResult())
                .map(row -> toState(conversationId, row));
    }

    private static ReadState toState(UUID conversationId, Object[] row) {
        Instant at = toInstant(row[0]);
        UUID message = row[1] instanceof UUID id || row[1] == null ? (UUID) row[1] : UUID.fromString(row[1].toString());
        ReadState.Mark mark = at == null ? null : new ReadState.Mark(message, at);
        return new ReadState(conversationId, mark, ((Number) row[2]).longValue());
    }

    private static Instant toInstant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        throw new IllegalStateException("unexpected type for conversation_read.read_at: " + value.getClass());
    }
}
