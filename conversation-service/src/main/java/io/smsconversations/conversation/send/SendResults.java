package io.smsconversations.conversation.send;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.delivery.DeliveryAdvance;
import io.smsconversations.conversation.delivery.DeliveryReports;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;

/** Applies the gateway's send results, one transaction each, once per CloudEvents id. */
@ApplicationScoped
public class SendResults {

    /** What a result did. */
    public enum Outcome {
        APPLIED, DUPLICATE, UNKNOWN_MESSAGE, NO_CHANGE
    }

    private static final String REMEMBER = """
            INSERT INTO send_result (event_id, message_id, kind, received_at) VALUES (:eventId, :messageId, :kind, :at)
            ON CONFLICT (event_id) DO NOTHING""";

    private final DeliveryAdvance advance;
    private final DeliveryReports reports;

    SendResults(DeliveryAdvance advance, DeliveryReports reports) {
        this.advance = advance;
        this.reports = reports;
    }

    /**
     * The provider took the message: it gets the provider's id (status stays as it is), and the delivery reports that
     * arrived before, naming that id, are applied now.
     */
    public Uni<Outcome> accepted(String eventId, UUID messageId, SendAccepted accepted) {
        return Panache.withTransaction(() -> remember(eventId, messageId, "ACCEPTED").chain(first -> !first
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : advance.lockProviderMessage(accepted.provider(), accepted.providerMessageId())
                        .chain(() -> outbound(messageId))
                        .chain(message -> {
                            if (message == null) {
                                return Uni.createFrom().item(Outcome.UNKNOWN_MESSAGE);
                            }
                            message.provider = accepted.provider();
                            message.providerMessageId = accepted.providerMessageId();
                            return reports.applyPending(message).replaceWith(Outcome.APPLIED);
                        })));
    }

    /** The gateway could not hand the message over: it fails with the reason, unless it already got further. */
    public Uni<Outcome> failed(String eventId, UUID messageId, SendFailed failed) {
        Instant at = (failed.failedAt() == null ? Instant.now() : failed.failedAt()).truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> remember(eventId, messageId, "FAILED").chain(first -> !first
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : outbound(messageId).chain(message -> message == null
                        ? Uni.createFrom().item(Outcome.UNKNOWN_MESSAGE)
                        : advance.advance(message, DeliveryStatus.FAILED, failed.reason(), failed.providerCode(),
                                failed.providerText(), at)
                                .map(moved -> moved ? Outcome.APPLIED : Outcome.NO_CHANGE))));
    }

    private static Uni<Boolean> remember(String eventId, UUID messageId, String kind) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(REMEMBER)
                        .setParameter("eventId", eventId)
                        .setParameter("messageId", messageId)
                        .setParameter("kind", kind)
                        .setParameter("at", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    private static Uni<ConversationMessage> outbound(UUID messageId) {
        return ConversationMessage.<ConversationMessage>find("id = ?1 and direction = ?2", messageId,
                io.smsconversations.events.MessageDirection.OUTBOUND)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
