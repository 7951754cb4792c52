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

/**
 * Reads conversations as a caller may see them: an admin sees all, a seller the conversations they take part in.
 * A conversation the caller may not see is reported exactly like one that does not exist.
 */
@ApplicationScoped
public class ConversationQueries {

    private static final String VISIBLE_TO_SELLER = " and exists (select 1 from ConversationParticipant p"
            + " where p.conversationId = c.id and p.sellerId = :sellerId)";

    // DISTINCT ON picks the newest message of each conversation of the page in one index-backed query.
    private static final String LAST_MESSAGES = """
            SELECT DISTINCT ON (conversation_id) *
            FROM message
            WHERE conversation_id IN (:conversationIds)
            ORDER BY conversation_id, occurred_at DESC, id DESC
            """;

    /** Conversations visible to {@code caller}, newest activity first, starting after {@code before}. */
    @WithSession
    public Uni<ConversationPage> visibleTo(Caller caller, Cursor before, int limit) {
        StringBuilder hql = new StringBuilder("from Conversation c where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        restrictTo(caller, hql, parameters);
        if (before != null) {
            hql.append(" and (c.lastActivityAt < :at or (c.lastActivityAt = :at and c.id < :id))");
            parameters.put("at", before.at());
            parameters.put("id", before.id());
        }
        hql.append(" order by c.lastActivityAt desc, c.id desc");
        // range() is inclusive: one row more than the page tells whether there is a next page.
        return Conversation.<Conversation>find(hql.toString(), parameters).range(0, limit).list()
                .chain(rows -> {
                    boolean more = rows.size() > limit;
                    List<Conversation> page = more ? rows.subList(0, limit) : rows;
                    Conversation last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = more ? new Cursor(last.lastActivityAt, last.id).encode() : null;
                    return lastMessages(page).map(latest -> new ConversationPage(
                            page.stream().map(c -> ConversationView.of(c, latest.get(c.id))).toList(), next));
                });
    }

    /** The conversation, or null when it does not exist or {@code caller} may not see it. */
    @WithSession
    public Uni<ConversationView> find(Caller caller, UUID conversationId) {
        return findVisible(caller, conversationId)
                .chain(conversation -> conversation == null
                        ? Uni.createFrom().nullItem()
                        : lastMessages(List.of(conversation))
                                .map(latest -> ConversationView.of(conversation, latest.get(conversation.id))));
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

    private Uni<Conversation> findVisible(Caller caller, UUID conversationId) {
        StringBuilder hql = new StringBuilder("from Conversation c where c.id = :conversationId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("conversationId", conversationId);
        restrictTo(caller, hql, parameters);
        return Conversation.<Conversation>find(hql.toString(), parameters).firstResult();
    }

    private static void restrictTo(Caller caller, StringBuilder hql, Map<String, Object> parameters) {
        if (!caller.admin()) {
            hql.append(VISIBLE_TO_SELLER);
            parameters.put("sellerId", caller.sellerId());
        }
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
