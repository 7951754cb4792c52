package io.smsconversations.routing.activity;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.EventTypes;

/**
 * The conversation-activity projection (routing rule 1). One row per (customer number, business number); an activity
 * replaces the row only when it is later than the one stored, so the projection only moves forward in time whatever
 * order the events arrive in, and a repeated event (same id, same time) changes nothing. Of two activities at the same
 * instant a move wins (a seller moved the conversation deliberately; a message stored in the same millisecond must
 * not pull replies back), then the greater event id, so a replay ends in the same state.
 */
@ApplicationScoped
public class ConversationActivityStore {

    private final Clock clock;

    ConversationActivityStore(Clock clock) {
        this.clock = clock;
    }

    private static final String ADVANCE = """
            INSERT INTO conversation_activity AS a (customer_number, business_number, record_id, conversation_id,
                occurred_at, event_id, event_type, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (customer_number, business_number) DO UPDATE SET record_id = EXCLUDED.record_id,
                conversation_id = EXCLUDED.conversation_id, occurred_at = EXCLUDED.occurred_at,
                event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type, updated_at = EXCLUDED.updated_at
            WHERE a.occurred_at < EXCLUDED.occurred_at
               OR (a.occurred_at = EXCLUDED.occurred_at
                   AND (EXCLUDED.event_type = ?9, EXCLUDED.event_id) > (a.event_type = ?9, a.event_id))""";

    /** Records {@code activity} if it is the latest on its pair of numbers; true when the projection moved. */
    public Uni<Boolean> advance(ConversationActivity activity) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(ADVANCE)
                .setParameter(1, activity.customerNumber())
                .setParameter(2, activity.businessNumber())
                .setParameter(3, activity.recordId())
                .setParameter(4, activity.conversationId())
                .setParameter(5, activity.occurredAt())
                .setParameter(6, activity.eventId())
                .setParameter(7, activity.eventType())
                .setParameter(8, clock.instant())
                .setParameter(9, EventTypes.CONVERSATION_MOVED)
                .executeUpdate()))
                .map(updated -> updated > 0);
    }
}
