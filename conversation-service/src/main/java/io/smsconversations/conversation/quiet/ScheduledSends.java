package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.events.E164;
import io.smsconversations.restproblems.Problem;

/**
 * Sends kept for the recipient's window (issue 14 item 4): stored when the seller asks ({@link #schedule}), so they
 * survive a restart, and claimed one row at a time by the release ({@link #claim}: {@code FOR UPDATE SKIP LOCKED},
 * so two replicas never release the same row: the second skips it while the first holds it, and finds it no longer
 * {@code SCHEDULED} once the first committed), or taken back by a seller before it goes out ({@link #cancel}).
 */
@ApplicationScoped
public class ScheduledSends {

    private static final Logger LOG = Logger.getLogger(ScheduledSends.class);

    private static final String DUE = """
            SELECT id FROM scheduled_send WHERE status = 'SCHEDULED' AND due_at <= :now ORDER BY due_at LIMIT :limit""";

    private static final String CLAIM = """
            SELECT * FROM scheduled_send WHERE id = :id AND status = 'SCHEDULED' FOR UPDATE SKIP LOCKED""";

    private static final String LOCK = """
            SELECT * FROM scheduled_send WHERE id = :id AND conversation_id = :conversationId FOR UPDATE""";

    /** Stores the send for {@code dueAt}, in its own transaction; the caller's checks have passed. */
    public Uni<ScheduledSend> schedule(Caller caller, Conversation conversation, String body, String templateId,
            String sourceEventId, Instant dueAt, Instant now) {
        ScheduledSend send = new ScheduledSend();
        send.id = UUID.randomUUID();
        send.conversationId = conversation.id;
        send.sellerId = caller.sellerId();
        send.admin = caller.admin();
        send.body = body;
        send.templateId = templateId;
        send.sourceEventId = sourceEventId;
        send.dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
        send.status = ScheduledSend.SCHEDULED;
        send.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(send::persist)
                .invoke(() -> LOG.infof("Scheduled send %s in conversation %s (to %s) for %s, by %s", send.id,
                        conversation.id, E164.masked(conversation.customerNumber), send.dueAt, send.sellerId))
                .replaceWith(send);
    }

    /** The ids of due sends, oldest first; each is then claimed in its own transaction. */
    public Uni<List<UUID>> due(Instant now, int limit) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, Object.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList()))
                .map(ids -> ids.stream().map(UUID.class::cast).toList());
    }

    /** The send, locked until the caller's transaction ends; null when another replica has it or has released it. */
    public Uni<ScheduledSend> claim(UUID id) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM, ScheduledSend.class)
                        .setParameter("id", id)
                        .getSingleResultOrNull());
    }

    /**
     * Takes a send back before it goes out, in the caller's transaction. The row is locked with {@code FOR UPDATE},
     * not {@code SKIP LOCKED}: while a release holds it, this waits and then finds it {@code SENT} (a 409), so a send
     * is never reported cancelled after it went; a release that comes second skips the row and then finds it
     * {@code CANCELLED}, no longer due.
     */
    public Uni<ScheduledSend> cancel(UUID conversationId, UUID id, Caller caller, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, ScheduledSend.class)
                        .setParameter("id", id)
                        .setParameter("conversationId", conversationId)
                        .getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> new NotFoundException("There is no such scheduled send"))
                .map(send -> {
                    if (!ScheduledSend.SCHEDULED.equals(send.status)) {
                        throw Problem.of(Response.Status.CONFLICT).type("scheduled-send-settled")
                                .title("The scheduled send is settled")
                                .detail("It is " + send.status + " already: only a SCHEDULED send can be cancelled")
                                .reason("scheduled-send-settled").with("sendStatus", send.status).build();
                    }
                    send.status = ScheduledSend.CANCELLED;
                    send.cancelledBy = caller.sellerId();
                    send.cancelledAt = now.truncatedTo(ChronoUnit.MICROS);
                    LOG.infof("Scheduled send %s in conversation %s cancelled by %s", send.id, conversationId,
                            send.cancelledBy);
                    return send;
                });
    }

    /** A conversation's scheduled sends, newest first (the caller checked it may see the conversation). */
    public Uni<List<ScheduledSend>> of(UUID conversationId) {
        return ScheduledSend.<ScheduledSend>find("conversationId = ?1 order by createdAt desc, id", conversationId)
                .list();
    }
}
