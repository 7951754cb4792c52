package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.common.AffectedEntities;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes conversations. Every method joins the caller's session and transaction (they are called inside
 * {@code Panache.withTransaction}).
 */
@ApplicationScoped
public class Threads {

    // One statement finds or creates the conversation and bumps its activity. Two consumers racing on a new
    // conversation both end up with the same row: the loser's INSERT turns into the UPDATE branch, which waits for
    // the winner's commit. GREATEST keeps the newest activity when messages arrive out of order.
    private static final String OPEN_FOR_ACTIVITY = """
            INSERT INTO conversation (id, record_id, record_type, record_name, record_owner_seller_id,
                    record_owner_team_id, customer_number, business_number, created_at, last_activity_at)
            VALUES (:id, :recordId, :recordType, :recordName, :ownerSellerId, :ownerTeamId,
                    :customerNumber, :businessNumber, :createdAt, :activityAt)
            ON CONFLICT (record_id, customer_number, business_number)
            DO UPDATE SET last_activity_at = GREATEST(conversation.last_activity_at, EXCLUDED.last_activity_at)
            """;

    private static final String BUMP_ACTIVITY = """
            UPDATE conversation SET last_activity_at = GREATEST(last_activity_at, :activityAt) WHERE id = :id""";

    private static final String ADD_PARTICIPANT = """
            INSERT INTO conversation_participant (conversation_id, seller_id)
            VALUES (:conversationId, :sellerId)
            ON CONFLICT DO NOTHING
            """;

    /**
     * The conversation of {@code draft}, created when it does not exist yet, with its last activity moved to
     * {@code activityAt} unless it already shows later activity.
     */
    public Uni<Conversation> openForActivity(ConversationDraft draft, Instant activityAt) {
        Instant at = activityAt.truncatedTo(ChronoUnit.MICROS);
        var owner = draft.record().owner();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OPEN_FOR_ACTIVITY, new AffectedEntities(Conversation.class))
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("recordId", draft.record().id())
                        .setParameter("recordType", draft.record().type().name())
                        .setParameter("recordName", draft.record().name())
                        .setParameter("ownerSellerId", owner == null ? null : owner.sellerId())
                        .setParameter("ownerTeamId", owner == null ? null : owner.teamId())
                        .setParameter("customerNumber", draft.customerNumber())
                        .setParameter("businessNumber", draft.businessNumber())
                        .setParameter("createdAt", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("activityAt", at)
                        .executeUpdate())
                .chain(() -> Conversation.<Conversation>find(
                        "recordId = ?1 and customerNumber = ?2 and businessNumber = ?3",
                        draft.record().id(), draft.customerNumber(), draft.businessNumber()).singleResult());
    }

    /** The conversation {@code id}, its last activity moved to {@code activityAt} unless it shows later activity. */
    public Uni<Conversation> bumpActivity(UUID id, Instant activityAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(BUMP_ACTIVITY, new AffectedEntities(Conversation.class))
                        .setParameter("activityAt", activityAt.truncatedTo(ChronoUnit.MICROS))
                        .setParameter("id", id)
                        .executeUpdate())
                .chain(() -> Conversation.<Conversation>findById(id));
    }

    /** Lets {@code sellerIds} see the conversation (blank ids are ignored, known ones are kept once). */
    public Uni<Void> addParticipants(UUID conversationId, Collection<String> sellerIds) {
        Set<String> distinct = new LinkedHashSet<>();
        sellerIds.stream().filter(id -> id != null && !id.isBlank()).forEach(distinct::add);
        Uni<Void> added = Uni.createFrom().voidItem();
        for (String sellerId : distinct) {
            // One statement after the other: a reactive session runs one operation at a time.
            added = added.chain(() -> Panache.getSession()
                    .chain(session -> session
                            .createNativeQuery(ADD_PARTICIPANT, new AffectedEntities(ConversationParticipant.class))
                            .setParameter("conversationId", conversationId)
                            .setParameter("sellerId", sellerId)
                            .executeUpdate())
                    .replaceWithVoid());
        }
        return added;
    }
}
