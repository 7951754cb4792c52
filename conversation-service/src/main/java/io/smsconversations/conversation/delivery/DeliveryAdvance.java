package io.smsconversations.conversation.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.MessageDirection;

/**
 * Moves outbound messages forward (delivery reports, send results) and announces each move, in the caller's
 * transaction. Shared by the delivery-report consumer and the send-result consumer, which both name messages by the
 * provider's id and must not miss each other: both take the same transaction lock on (provider, provider message id)
 * first, so a report that finds no message yet is either stored as pending before the SendAccepted looks for pending
 * reports, or finds the message the SendAccepted named.
 */
@ApplicationScoped
public class DeliveryAdvance {

    private static final String LOCK = """
            SELECT 1 FROM (SELECT pg_advisory_xact_lock(2, hashtext(:lockKey))) AS locked""";

    private final ConversationOutbox events;

    DeliveryAdvance(ConversationOutbox events) {
        this.events = events;
    }

    /** Serialises, until the transaction ends, every change about one provider message. */
    public Uni<Void> lockProviderMessage(String provider, String providerMessageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, Object.class)
                        .setParameter("lockKey", provider + " " + providerMessageId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The outbound messages with this provider id (normally one), locked for update. */
    public Uni<List<ConversationMessage>> outboundMessages(String provider, String providerMessageId) {
        return ConversationMessage.<ConversationMessage>find(
                "provider = ?1 and providerMessageId = ?2 and direction = ?3", provider, providerMessageId,
                MessageDirection.OUTBOUND)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * Moves {@code message} to {@code status} when that is forward (see {@link DeliveryProgress}) and appends a
     * {@code ConversationMessageStatusChanged}.
     *
     * @return whether it moved
     */
    public Uni<Boolean> advance(ConversationMessage message, DeliveryStatus status, FailureReason reason,
            String providerCode, String providerText, Instant at) {
        int current = message.deliveryStatus == null ? -1 : DeliveryProgress.rank(message.deliveryStatus);
        if (DeliveryProgress.rank(status) <= current) {
            return Uni.createFrom().item(false);
        }
        message.deliveryStatus = status;
        message.failureReason = reason;
        message.providerErrorCode = truncate(providerCode, 64);
        message.providerErrorText = truncate(providerText, 512);
        message.statusUpdatedAt = at.truncatedTo(ChronoUnit.MICROS);
        return Conversation.<Conversation>findById(message.conversationId)
                .chain(conversation -> events.appendStatusChanged(conversation, message))
                .replaceWith(true);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
