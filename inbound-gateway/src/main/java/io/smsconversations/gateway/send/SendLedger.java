package io.smsconversations.gateway.send;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gateway's durable memory of send requests (table {@code send_request}), by request id: written
 * {@code IN_FLIGHT} before a provider is called, completed with its answer after. It is what makes a redelivered
 * request harmless: its outcome is re-published instead of sending again.
 */
@ApplicationScoped
public class SendLedger {

    static final int MAX_TEXT = 512;

    @Inject
    Pool client;

    /**
     * Records the request as in flight, or, when it is known already, counts the delivery; either way answers the
     * entry as it now stands (one statement, so two deliveries cannot both believe they are the first).
     */
    public Uni<LedgerEntry> record(SendRequested request, Instant now) {
        return client.preparedQuery("""
                INSERT INTO send_request (request_id, provider, conversation_id, message_id, state, first_sent_at)
                VALUES ($1, $2, $3, $4, 'IN_FLIGHT', $5)
                ON CONFLICT (request_id) DO UPDATE SET deliveries = send_request.deliveries + 1
                RETURNING state, first_sent_at, deliveries, provider_message_id, failure_reason, provider_code,
                          provider_text, completed_at""")
                .execute(Tuple.from(Arrays.asList(request.requestId(), request.provider(), request.conversationId(),
                        request.messageId(), utc(now))))
                .map(rows -> entry(rows.iterator().next()));
    }

    public Uni<Void> accepted(String requestId, String providerMessageId, Instant at) {
        return client.preparedQuery("""
                UPDATE send_request SET state = 'ACCEPTED', provider_message_id = $2, completed_at = $3
                WHERE request_id = $1 AND state = 'IN_FLIGHT'""")
                .execute(Tuple.of(requestId, providerMessageId, utc(at))).replaceWithVoid();
    }

    public Uni<Void> failed(String requestId, FailureReason reason, String providerCode, String providerText,
            Instant at) {
        return client.preparedQuery("""
                UPDATE send_request SET state = 'FAILED', failure_reason = $2, provider_code = $3, provider_text = $4,
                       completed_at = $5
                WHERE request_id = $1 AND state = 'IN_FLIGHT'""")
                .execute(Tuple.from(Arrays.asList(requestId, reason.name(), shorten(providerCode, 64),
                        shorten(providerText, MAX_TEXT), utc(at))))
                .replaceWithVoid();
    }

    static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static LedgerEntry entry(Row row) {
        String reason = row.getString("failure_reason");
        OffsetDateTime completed = row.getOffsetDateTime("completed_at");
        return new LedgerEntry(LedgerEntry.State.valueOf(row.getString("state")),
                row.getOffsetDateTime("first_sent_at").toInstant(), row.getInteger("deliveries"),
                row.getString("provider_message_id"), reason == null ? null : FailureReason.valueOf(reason),
                row.getString("provider_code"), row.getString("provider_text"),
                completed == null ? null : completed.toInstant());
    }
}
