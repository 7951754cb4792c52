package io.smsconversations.conversation.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.optout.OptOutSource;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;

/** Applies one delivery report, in one transaction. */
@ApplicationScoped
public class DeliveryReports {

    /** What a report did: moved messages forward, was kept for a message not known yet, or changed nothing. */
    public enum Outcome {
        APPLIED, PENDING, NO_CHANGE
    }

    private static final String KEEP_PENDING = """
            INSERT INTO pending_delivery_report (event_id, provider, provider_message_id, status, failure_reason,
                    provider_error_code, provider_error_text, reported_at, received_at)
            VALUES (:eventId, :provider, :providerMessageId, :status, :reason, :code, :text, :reportedAt, :receivedAt)
            ON CONFLICT (event_id) DO NOTHING""";

    private static final String PENDING = """
            SELECT status, failure_reason, provider_error_code, provider_error_text, reported_at
            FROM pending_delivery_report WHERE provider = :provider AND provider_message_id = :providerMessageId""";

    private static final String FORGET_PENDING = """
            DELETE FROM pending_delivery_report WHERE provider = :provider AND provider_message_id = :providerMessageId""";

    private final OptOuts optOuts;
    private final DeliveryAdvance advance;
    private final ConversationOutbox events;

    DeliveryReports(OptOuts optOuts, DeliveryAdvance advance, ConversationOutbox events) {
        this.optOuts = optOuts;
        this.advance = advance;
        this.events = events;
    }

    public Uni<Outcome> apply(String eventId, DeliveryReportReceived report) {
        // An opt-out report takes the pair's opt-out lock first, as a send does (see OptOuts).
        return Panache.withTransaction(() -> (optsOut(report) ? optOuts.lockPair(report.to(), report.from())
                : Uni.createFrom().voidItem())
                .chain(() -> advance.lockProviderMessage(report.provider(), report.providerMessageId()))
                .chain(() -> advance.outboundMessages(report.provider(), report.providerMessageId()))
                .chain(messages -> (messages.isEmpty() ? keepPending(eventId, report) : advanceAll(messages, report))
                        .call(() -> markOptOut(eventId, report, messages))));
    }

    /**
     * Applies the reports kept for this provider message (it has just been named by a SendAccepted), oldest first,
     * and forgets them. Runs in the caller's transaction, which holds the provider message lock.
     */
    public Uni<Void> applyPending(ConversationMessage message) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PENDING, Object[].class)
                        .setParameter("provider", message.provider)
                        .setParameter("providerMessageId", message.providerMessageId)
                        .getResultList()
                        .call(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                                : session.createNativeQuery(FORGET_PENDING)
                                        .setParameter("provider", message.provider)
                                        .setParameter("providerMessageId", message.providerMessageId)
                                        .executeUpdate()))
                .chain(rows -> {
                    List<Object[]> ordered = rows.stream()
                            .sorted(java.util.Comparator.comparing((Object[] row) -> toInstant(row[4])))
                            .toList();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : ordered) {
                        chain = chain.chain(() -> advance.advance(message, DeliveryStatus.valueOf((String) row[0]),
                                row[1] == null ? null : FailureReason.valueOf((String) row[1]), (String) row[2],
                                (String) row[3], toInstant(row[4])).replaceWithVoid());
                    }
                    return chain;
                });
    }

    private Uni<Outcome> advanceAll(List<ConversationMessage> messages, DeliveryReportReceived report) {
        Uni<Integer> moved = Uni.createFrom().item(0);
        for (ConversationMessage message : messages) {
            moved = moved.chain(count -> advance.advance(message, report.status(), report.reason(),
                    report.providerCode(), report.providerText(), report.reportedAt())
                    .map(advanced -> advanced ? count + 1 : count));
        }
        return moved.map(count -> count > 0 ? Outcome.APPLIED : Outcome.NO_CHANGE);
    }

    /** The report overtook the SendAccepted naming its message (or names a message this service never sent). */
    private Uni<Outcome> keepPending(String eventId, DeliveryReportReceived report) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(KEEP_PENDING)
                        .setParameter("eventId", eventId)
                        .setParameter("provider", report.provider())
                        .setParameter("providerMessageId", report.providerMessageId())
                        .setParameter("status", report.status().name())
                        .setParameter("reason", report.reason() == null ? null : report.reason().name())
                        .setParameter("code", truncate(report.providerCode(), 64))
                        .setParameter("text", truncate(report.providerText(), 512))
                        .setParameter("reportedAt", report.reportedAt().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("receivedAt", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate())
                .replaceWith(Outcome.PENDING);
    }

    /** SPEC §6: a provider that says the recipient opted out (Twilio 21610 and its peers) marks the pair too. */
    private Uni<Void> markOptOut(String eventId, DeliveryReportReceived report, List<ConversationMessage> messages) {
        if (!optsOut(report)) {
            return Uni.createFrom().voidItem();
        }
        String conversationId = messages.isEmpty() ? null : messages.get(0).conversationId.toString();
        return optOuts.record(report.to(), report.from(), true, report.reportedAt(), eventId,
                OptOutSource.providerReport(report.provider(), report.providerCode()))
                .chain(changed -> changed
                        ? events.appendOptOutChanged(conversationId, report.to(), report.from(), true,
                                ConversationOutbox.CAUSE_PROVIDER_REPORT, eventId, report.reportedAt())
                        : Uni.createFrom().voidItem());
    }

    private static boolean optsOut(DeliveryReportReceived report) {
        return report.reason() == FailureReason.RecipientOptedOut && report.from() != null && report.to() != null;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected time type: " + value.getClass());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
