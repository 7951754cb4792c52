package io.smsconversations.conversation.unread;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

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
            SELECT 1 FROM message WHERE id = $1 AND conversation_id = $2""";

    // Moves the mark to the message, unless it already stands at or after it.
    private static final String MARK = """
            INSERT INTO conversation_read (conversation_id, seller_id, read_at, read_message_id, marked_at)
            SELECT m.conversation_id, $2, m.occurred_at, m.id, now()
            FROM message m
            WHERE m.conversation_id = $1 AND %s
            ORDER BY m.occurred_at DESC, m.id DESC
            LIMIT 1
            ON CONFLICT (conversation_id, seller_id) DO UPDATE
            SET read_at = EXCLUDED.read_at, read_message_id = EXCLUDED.read_message_id, marked_at = EXCLUDED.marked_at
            WHERE (conversation_read.read_at, conversation_read.read_message_id)
                < (EXCLUDED.read_at, EXCLUDED.read_message_id)""";

    private static final String MARK_LATEST = MARK.formatted("TRUE");
    private static final String MARK_MESSAGE = MARK.formatted("m.id = $3");

    private static final String STATE = "SELECT rm.read_at, rm.read_message_id, " + UNREAD_COUNT + " AS unread_count"
            + " FROM conversation c " + readMarkJoin("$2") + " WHERE c.id = $1";

    @Inject
    Pool pool;

    @Inject
    ConversationQueries conversations;

    /**
     * Marks the conversation read by {@code caller} up to {@code upTo} (a message of it), or up to its newest message
     * when {@code upTo} is null. 404 when the caller may not see the conversation; 422 when {@code upTo} is not one of
     * its messages.
     */
    public Uni<ReadState> markRead(Caller caller, UUID conversationId, UUID upTo) {
        return conversations.findVisible(caller, conversationId)
                .onItem().ifNull().failWith(() -> new NotFoundException(
                        "There is no conversation with this id that you may see"))
                .chain(conversation -> upTo == null
                        ? pool.preparedQuery(MARK_LATEST).execute(Tuple.of(conversationId, caller.sellerId()))
                        : pool.preparedQuery(MESSAGE_OF_CONVERSATION).execute(Tuple.of(upTo, conversationId))
                                .chain(found -> found.size() == 0
                                        ? Uni.createFrom().failure(new WebApplicationException(
                                                "upTo is not a message of this conversation", 422))
                                        : pool.preparedQuery(MARK_MESSAGE)
                                                .execute(Tuple.of(conversationId, caller.sellerId(), upTo))))
                .chain(() -> state(caller, conversationId));
    }

    /** The caller's read mark and unread count of the conversation (visibility is the caller's concern). */
    public Uni<ReadState> state(Caller caller, UUID conversationId) {
        return pool.preparedQuery(STATE).execute(Tuple.of(conversationId, caller.sellerId()))
                .map(rows -> toState(conversationId, rows));
    }

    private static ReadState toState(UUID conversationId, RowSet<Row> rows) {
        Row row = rows.iterator().next();
        Instant at = row.getOffsetDateTime("read_at") == null ? null : row.getOffsetDateTime("read_at").toInstant();
        ReadState.Mark mark = at == null ? null : new ReadState.Mark(row.getUUID("read_message_id"), at);
        return new ReadState(conversationId, mark, row.getLong("unread_count"));
    }
}
