package io.smsconversations.conversation.delivery;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.FailureReason;

/** Applies one delivery report, in one transaction. */
@ApplicationScoped
public class DeliveryReports {

    private static final String ADVANCE = """
            UPDATE message
               SET delivery_status = :status, failure_reason = :reason, provider_error_code = :code,
                   provider_error_text = :text, status_updated_at = :at
             WHERE provider = :provider AND provider_message_id = :providerMessageId AND direction = 'OUTBOUND'
               AND %s < :rank""".formatted(DeliveryProgress.rankOfColumn("delivery_status"));

    @Inject
    OptOuts optOuts;

    /**
     * @return how many stored messages the report moved forward (0: unknown message, or a stale or repeated report)
     */
    public Uni<Integer> apply(String eventId, DeliveryReportReceived report) {
        return Panache.withTransaction(() -> advance(report)
                .call(() -> markOptOut(eventId, report)));
    }

    private Uni<Integer> advance(DeliveryReportReceived report) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ADVANCE)
                .setParameter("status", report.status().name())
                .setParameter("reason", report.reason() == null ? null : report.reason().name())
                .setParameter("code", report.providerCode())
                .setParameter("text", truncate(report.providerText(), 512))
                .setParameter("at", report.reportedAt().truncatedTo(ChronoUnit.MICROS))
                .setParameter("provider", report.provider())
                .setParameter("providerMessageId", report.providerMessageId())
                .setParameter("rank", DeliveryProgress.rank(report.status()))
                .executeUpdate());
    }

    /** SPEC §6: a provider that says the recipient opted out (Twilio 21610 and its peers) marks the pair too. */
    private Uni<Void> markOptOut(String eventId, DeliveryReportReceived report) {
        if (report.reason() != FailureReason.RecipientOptedOut || report.from() == null || report.to() == null) {
            return Uni.createFrom().voidItem();
        }
        return optOuts.record(report.to(), report.from(), true, report.reportedAt(), eventId);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
