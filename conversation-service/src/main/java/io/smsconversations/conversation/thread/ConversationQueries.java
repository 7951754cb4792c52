package io.smsconversations.conversation.thread;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.conversation.unread.ReadMarks;

/**
 * Reads conversations as a caller may see them (SPEC §5): an admin sees all; a seller sees a conversation when its
 * record or its business number is assigned to them or to one of their teams, now. Having been alerted about one of
 * its messages grants nothing lasting. A conversation the caller may not see is reported exactly like one that does
 * not exist.
 * <p>
 * Ownership is read from the directory projection at query time, not from the conversation's snapshot, so a record
 * re-assigned to another seller or team moves its conversations with it. Only while the projection does not know the
 * record (e.g. a lead routing has just created, not yet through {@code directory.records}) does the snapshot of the
 * attach event stand in for it. Every branch of the check is an index probe (primary keys of the projection tables),
 * one SQL statement per page, never a query per conversation.
 */
@ApplicationScoped
public class ConversationQueries {

    /** The visibility check on {@code conversation c} for the seller {@code :sellerId} (see {@link Visibility}). */
    public static final String VISIBLE_TO_SELLER = Visibility.CONVERSATION;

    private static final String LAST_MESSAGES = """
            SELECT DISTINCT ON (conversation_id) *
            FROM message
            WHERE conversation_id IN (:conversationIds)
            ORDER BY conversation_id, occurred_at DESC, id DESC
            """;

    /** The unread counts of the conversations {@code :conversationIds} for the seller {@code :readerId}. */
    private static final String UNREAD_COUNTS = "SELECT c.id, " + ReadMarks.UNREAD_COUNT + " AS unread_count"
            + " FROM conversation c " + ReadMarks.readMarkJoin(":readerId") + " WHERE c.id IN (:conversationIds)";

    /**
     * Conversations visible to {@code caller} that pass {@code filter}, newest activity first, starting after
     * {@code before}.
     * <p>
     * Index use: the statement walks {@code conversation_by_activity} (with a record type:
     * {@code conversation_by_type_activity}) newest first from the cursor, so the keyset {@code (last_activity_at,
     * id) < cursor} and the {@code ORDER BY} come straight from the index, and it stops after {@code limit + 1} rows
     * that pass. Each row walked costs index probes only: the visibility {@code EXISTS} branches, the caller's read
     * mark (primary key of {@code conversation_read}) and, for {@code unread=true}, the first inbound message after the
     * mark ({@code message_inbound_history}). The unread counts are read for the page's rows only, in one more
     * statement. A page is therefore cheap when a fair share of the walked rows pass; a seller who sees very few
     * conversations among very many (or has very few unread) walks further.
     */
    @WithSession
    public Uni<ConversationPage> visibleTo(Caller caller, ConversationFilter filter, Cursor before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.* FROM conversation c");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.unreadOnly()) {
            sql.append(' ').append(ReadMarks.readMarkJoin(":readerId"));
            parameters.put("readerId", caller.sellerId());
        }
        sql.append(" WHERE TRUE");
        restrictTo(caller, sql, parameters);
        if (filter.recordType() != null) {
            sql.append(" AND c.record_type = :recordType");
            parameters.put("recordType", filter.recordType().name());
        }
        if (filter.unreadOnly()) {
            sql.append(" AND ").append(ReadMarks.HAS_UNREAD);
        }
        if (before != null) {
            // Row comparison: walks conversation_by_activity from the cursor on.
            sql.append(" AND (c.last_activity_at, c.id) < (:at, :id)");
            parameters.put("at", before.at());
            parameters.put("id", before.id());
        }
        // One row more than the page tells whether there is a next page.
        sql.append(" ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ").append(limit + 1);
        return conversations(sql.toString(), parameters)
                .chain(rows -> {
                    boolean more = rows.size() > limit;
                    List<Conversation> page = more ? rows.subList(0, limit) : rows;
                    Conversation last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = more ? new Cursor(last.lastActivityAt, last.id).encode() : null;
                    return lastMessages(page).chain(latest -> unreadCounts(caller, page).map(unread ->
                            new ConversationPage(page.stream()
                                    .map(c -> ConversationView.of(c, latest.get(c.id), unread.getOrDefault(c.id, 0L)))
                                    .toList(), next)));
                });
    }

    /** The conversation, or null when it does not exist or {@code caller} may not see it. */
    @WithSession
    public Uni<ConversationView> find(Caller caller, UUID conversationId) {
        return findVisible(caller, conversationId)
                .chain(conversation -> conversation == null
                        ? Uni.createFrom().nullItem()
                        : lastMessages(List.of(conversation))
                                .chain(latest -> unreadCounts(caller, List.of(conversation))
                                        .map(unread -> ConversationView.of(conversation, latest.get(conversation.id),
                                                unread.getOrDefault(conversation.id, 0L)))));
    }

    /**
     * The messages of the conversation, oldest first, starting after {@code after}; null when the conversation
     * does not exist or {@code caller} may not see it.
     */
    @WithSession
    public Uni<MessagePage> history(Caller caller, UUID conversationId, Cursor after, int limit) {
        return findVisible(caller, conversationId).chain(conversation -> {
            if (conversation == null) {
                return Uni.createFrom().nullItem();
            }
            StringBuilder hql = new StringBuilder(
                    "from ConversationMessage m where m.conversationId = :conversationId");
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("conversationId", conversationId);
            if (after != null) {
                hql.append(" and (m.occurredAt > :at or (m.occurredAt = :at and m.id > :id))");
                parameters.put("at", after.at());
                parameters.put("id", after.id());
            }
            hql.append(" order by m.occurredAt, m.id");
            // range() is inclusive: one row more than the page tells whether there is a next page.
            return ConversationMessage.<ConversationMessage>find(hql.toString(), parameters).range(0, limit).list()
                    .map(rows -> {
                        boolean more = rows.size() > limit;
                        List<ConversationMessage> page = more ? rows.subList(0, limit) : rows;
                        ConversationMessage last = page.isEmpty() ? null : page.get(page.size() - 1);
                        return new MessagePage(page.stream().map(MessageView::of).toList(),
                                more ? new Cursor(last.occurredAt, last.id).encode() : null);
                    });
        });
    }

    /** The conversation entity, failing with {@link ConversationNotFound} when {@code caller} may not see it. */
    public Uni<Conversation> requireVisible(Caller caller, UUID conversationId) {
        return findVisible(caller, conversationId).onItem().ifNull().failWith(ConversationNotFound::exception);
    }

    /** The conversation entity, or null when it does not exist or {@code caller} may not see it. */
    @WithSession
    public Uni<Conversation> findVisible(Caller caller, UUID conversationId) {
        StringBuilder sql = new StringBuilder("SELECT c.* FROM conversation c WHERE c.id = :conversationId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("conversationId", conversationId);
        restrictTo(caller, sql, parameters);
        return conversations(sql.toString(), parameters)
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private static void restrictTo(Caller caller, StringBuilder sql, Map<String, Object> parameters) {
        if (!caller.admin()) {
            sql.append(" AND ").append(VISIBLE_TO_SELLER);
            parameters.put("sellerId", caller.sellerId());
        }
    }

    private static Uni<List<Conversation>> conversations(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Conversation.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private static Uni<Map<UUID, Long>> unreadCounts(Caller caller, List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = conversations.stream().map(c -> c.id).toList();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UNREAD_COUNTS, Object[].class)
                        .setParameter("readerId", caller.sellerId())
                        .setParameter("conversationIds", ids)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        UUID id = row[0] instanceof UUID uuid ? uuid : UUID.fromString(String.valueOf(row[0]));
                        counts.put(id, ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }

    private Uni<Map<UUID, ConversationMessage>> lastMessages(List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = conversations.stream().map(c -> c.id).toList();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LAST_MESSAGES, ConversationMessage.class)
                        .setParameter("conversationIds", ids)
                        .getResultList())
                .map(messages -> messages.stream()
                        .collect(Collectors.toMap(m -> m.conversationId, Function.identity())));
    }
}
