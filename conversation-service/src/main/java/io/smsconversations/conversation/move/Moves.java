package io.smsconversations.conversation.move;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smsconversations.restproblems.Problem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.send.UniqueViolation;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.unread.ReadMarks;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;

/**
 * Moves a conversation to another record (SPEC §5), in one transaction: every message follows, the move is recorded
 * and {@code ConversationMoved} is appended to the outbox. When the target record already has a conversation between
 * the same two numbers, the two are merged (a conversation's identity is record, customer number, business number):
 * the messages, alerted sellers, earlier moves and read marks (the further one per seller) go to the target's
 * conversation and the moved one is deleted, so its id answers 404 from then on.
 * <p>
 * The caller must see both the conversation and the target record (SPEC §5); either unknown or not visible is a
 * 404, checked before anything about the target is told (the answer would echo its name and owner).
 */
@ApplicationScoped
public class Moves {

    private static final Logger LOG = Logger.getLogger(Moves.class);

    private static final String TARGET = """
            SELECT r.id, r.type, r.name, r.owner_seller_id, r.owner_team_id FROM directory_record r WHERE r.id = :id""";

    /** A seller may move a conversation only to a record they may see (SPEC §5). */
    private static final String VISIBLE_TARGET = TARGET + " AND " + Visibility.record("r");

    private final ConversationQueries conversations;
    private final ConversationOutbox events;
    private final MoveLocks moveLocks;

    Moves(ConversationQueries conversations, ConversationOutbox events, MoveLocks moveLocks) {
        this.conversations = conversations;
        this.events = events;
        this.moveLocks = moveLocks;
    }

    public Uni<MoveResult> move(Caller caller, UUID conversationId, String targetRecordId) {
        if (targetRecordId == null || targetRecordId.isBlank()) {
            return Uni.createFrom().failure(problem(400, "missing-record-id", "Missing record id",
                    "name the record to move the conversation to (recordId)"));
        }
        return Panache.withTransaction(() -> conversations.requireVisible(caller, conversationId)
                // The pair first: a reply being stored for these numbers is stored before the move or sees it.
                .call(visible -> moveLocks.lockPair(visible.customerNumber, visible.businessNumber))
                // Locked: two moves of one conversation, or a move and a merge into it, run one after the other.
                .chain(visible -> Panache.getSession()
                        .chain(session -> session.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE)))
                .chain(conversation -> target(caller, targetRecordId).chain(target -> {
                    if (conversation.recordId.equals(target.id())) {
                        return Uni.createFrom().item(new MoveResult(false, conversation.id, null));
                    }
                    return Conversation.<Conversation>find(
                            "recordId = ?1 and customerNumber = ?2 and businessNumber = ?3", target.id(),
                            conversation.customerNumber, conversation.businessNumber)
                            .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                            .chain(existing -> record(caller, conversation, target, existing));
                })))
                // A thread for the same numbers appeared on the target record while this one moved: the unique
                // identity refused the move, nothing was written; moving again merges the two.
                .onFailure(UniqueViolation::is).transform(failure -> problem(409, "concurrent-change",
                        "Changed meanwhile", "the target record got a conversation between the same numbers while "
                                + "this one was moved; nothing was moved, try again"));
    }

    private Uni<MoveResult> record(Caller caller, Conversation conversation, RecordRef target, Conversation existing) {
        RecordRef from = conversation.record();
        UUID fromId = conversation.id;
        String customer = conversation.customerNumber;
        String business = conversation.businessNumber;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Uni<UUID> after = existing == null ? retarget(conversation, target) : merge(conversation, existing);
        return after.chain(conversationId -> {
            ConversationMove move = new ConversationMove();
            move.id = UUID.randomUUID();
            move.conversationId = conversationId;
            move.fromConversationId = fromId;
            move.customerNumber = customer;
            move.businessNumber = business;
            move.fromRecordId = from.id();
            move.fromRecordType = from.type();
            move.fromRecordName = from.name();
            move.toRecordId = target.id();
            move.toRecordType = target.type();
            move.toRecordName = target.name();
            move.movedBy = caller.sellerId();
            move.movedAt = now;
            move.merged = existing != null;
            ConversationMoved event = new ConversationMoved(move.id.toString(), conversationId.toString(), from,
                    target, customer, business, caller.sellerId(), now);
            return move.persist()
                    .chain(() -> events.appendMoved(event))
                    .invoke(() -> LOG.infof("Conversation %s moved from %s %s to %s %s by %s%s", fromId,
                            from.type(), from.id(), target.type(), target.id(), caller.sellerId(),
                            existing == null ? "" : " (merged into conversation " + conversationId + ")"))
                    .replaceWith(new MoveResult(true, conversationId, MoveView.of(move)));
        });
    }

    /** The usual case: the conversation keeps its id and its messages; only its record changes. */
    private static Uni<UUID> retarget(Conversation conversation, RecordRef target) {
        conversation.recordId = target.id();
        conversation.recordType = target.type();
        conversation.recordName = target.name();
        conversation.recordOwnerSellerId = target.owner() == null ? null : target.owner().sellerId();
        conversation.recordOwnerTeamId = target.owner() == null ? null : target.owner().teamId();
        return Panache.getSession().chain(Mutiny.Session::flush).replaceWith(conversation.id);
    }

    private static Uni<UUID> merge(Conversation moved, Conversation into) {
        return Panache.getSession().chain(session -> update(session,
                "UPDATE message SET conversation_id = :into WHERE conversation_id = :moved", moved, into)
                .chain(() -> update(session, """
                        INSERT INTO conversation_participant (conversation_id, seller_id)
                        SELECT :into, seller_id FROM conversation_participant WHERE conversation_id = :moved
                        ON CONFLICT DO NOTHING""", moved, into))
                .chain(() -> update(session, "DELETE FROM conversation_participant WHERE conversation_id = :moved",
                        moved, into))
                .chain(() -> update(session,
                        "UPDATE conversation_move SET conversation_id = :into WHERE conversation_id = :moved", moved,
                        into))
                // Sends kept for quiet hours follow the thread, like its messages (V21).
                .chain(() -> update(session,
                        "UPDATE scheduled_send SET conversation_id = :into WHERE conversation_id = :moved", moved,
                        into))
                // The response times of both threads become the surviving one's (V22): waiting messages add up,
                // the earlier first message and first answer win.
                .chain(() -> update(session, """
                        INSERT INTO response_time AS rt (conversation_id, first_inbound_at, first_response_at,
                                first_responder, last_inbound_at, last_response_at, unanswered_count,
                                unanswered_since, responses, total_response_ms)
                        SELECT :into, first_inbound_at, first_response_at, first_responder, last_inbound_at,
                               last_response_at, unanswered_count, unanswered_since, responses, total_response_ms
                          FROM response_time WHERE conversation_id = :moved
                        ON CONFLICT (conversation_id) DO UPDATE SET
                            first_inbound_at = LEAST(rt.first_inbound_at, EXCLUDED.first_inbound_at),
                            first_responder = CASE WHEN rt.first_response_at IS NULL
                                    OR EXCLUDED.first_response_at < rt.first_response_at
                                THEN EXCLUDED.first_responder ELSE rt.first_responder END,
                            first_response_at = LEAST(rt.first_response_at, EXCLUDED.first_response_at),
                            last_inbound_at = GREATEST(rt.last_inbound_at, EXCLUDED.last_inbound_at),
                            last_response_at = GREATEST(rt.last_response_at, EXCLUDED.last_response_at),
                            unanswered_count = rt.unanswered_count + EXCLUDED.unanswered_count,
                            unanswered_since = LEAST(rt.unanswered_since, EXCLUDED.unanswered_since),
                            responses = rt.responses + EXCLUDED.responses,
                            total_response_ms = rt.total_response_ms + EXCLUDED.total_response_ms""", moved, into))
                .chain(() -> ReadMarks.carryOver(moved.id, into.id))
                .chain(() -> update(session, """
                        UPDATE conversation SET last_activity_at = GREATEST(last_activity_at,
                            (SELECT last_activity_at FROM conversation WHERE id = :moved)) WHERE id = :into""",
                        moved, into))
                .chain(() -> session.remove(moved))
                .chain(session::flush))
                .replaceWith(into.id);
    }

    private static Uni<Integer> update(Mutiny.Session session, String sql, Conversation moved, Conversation into) {
        var query = session.createNativeQuery(sql);
        if (sql.contains(":into")) {
            query.setParameter("into", into.id);
        }
        if (sql.contains(":moved")) {
            query.setParameter("moved", moved.id);
        }
        return query.executeUpdate();
    }

    /** The target record; one that does not exist and one the caller may not see are the same 404. */
    private static Uni<RecordRef> target(Caller caller, String recordId) {
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(caller.admin() ? TARGET : VISIBLE_TARGET, Object[].class)
                            .setParameter("id", recordId);
                    if (!caller.admin()) {
                        query.setParameter("sellerId", caller.sellerId());
                    }
                    return query.getSingleResultOrNull();
                })
                .map(row -> {
                    if (row == null || recordId.length() > 64) {
                        throw problem(404, "record-not-found", "Not Found",
                                "there is no record with this id that you may see; the conversation was not moved");
                    }
                    String seller = (String) row[3];
                    String team = (String) row[4];
                    Owner owner = seller == null && team == null ? null : new Owner(seller, team);
                    return new RecordRef((String) row[0], RecordType.valueOf((String) row[1]), (String) row[2], owner);
                });
    }

    static HttpProblem problem(int status, String type, String title, String detail) {
        return Problem.of(status).type(type).title(title).detail(detail).build();
    }
}
