package io.smsconversations.gateway.send;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gateway's durable memory of send requests (table {@code send_request}), by request id: written
 * {@code IN_FLIGHT} with an owner and a lease before a provider is called, completed with its answer after. It is
 * what makes a redelivered request harmless: its outcome is re-published instead of sending again, and a request
 * another replica still holds is waited for instead of sent a second time. Lease times are the database's clock, so
 * replicas whose clocks disagree still agree on whose lease is live.
 */
@ApplicationScoped
public class SendLedger {

    static final int MAX_TEXT = 512;
    static final int MAX_CODE = 64;

    private static final String COLUMNS = """
            state, first_sent_at, deliveries, provider_message_id, failure_reason, provider_code, provider_text,
            completed_at, owner,
            CASE WHEN lease_until IS NULL OR lease_until <= now() THEN 0
                 ELSE (EXTRACT(EPOCH FROM (lease_until - now())) * 1000)::bigint END AS lease_left_ms""";

    private final Pool client;

    @Inject
    public SendLedger(Pool client) {
        this.client = client;
    }

    /**
     * Records the request as in flight and held by {@code owner}, or, when it is known already, counts the delivery
     * and leaves the row as it is; either way answers the entry as it now stands (one statement, so two deliveries
     * cannot both believe they are the first).
     */
    public Uni<LedgerEntry> claim(SendRequested request, String owner, Duration lease, Instant now) {
        return client.preparedQuery("""
                INSERT INTO send_request (request_id, provider, conversation_id, message_id, state, first_sent_at,
                                          owner, lease_until)
                VALUES ($1, $2, $3, $4, 'IN_FLIGHT', $5, $6, now() + ($7::bigint * interval '1 millisecond'))
                ON CONFLICT (request_id) DO UPDATE SET deliveries = send_request.deliveries + 1
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(Arrays.asList(request.requestId(), request.provider(), request.conversationId(),
                        request.messageId(), utc(now), owner, lease.toMillis())))
                .map(rows -> entry(rows.iterator().next()));
    }

    /**
     * Makes {@code owner} the holder of an in-flight request whose lease ended (or that it held itself before, in an
     * earlier delivery that stopped): empty when the row is completed or another replica's lease is live.
     */
    public Uni<Optional<LedgerEntry>> takeOver(String requestId, String owner, Duration lease) {
        return client.preparedQuery("""
                UPDATE send_request SET owner = $2, lease_until = now() + ($3::bigint * interval '1 millisecond')
                WHERE request_id = $1 AND state = 'IN_FLIGHT'
                  AND (lease_until IS NULL OR lease_until <= now() OR owner = $2)
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(requestId, owner, lease.toMillis()))
                .map(SendLedger::first);
    }

    /** Extends {@code owner}'s lease; empty when it holds it no longer (completed, or taken over). */
    public Uni<Optional<Duration>> renew(String requestId, String owner, Duration lease) {
        return client.preparedQuery("""
                UPDATE send_request SET lease_until = now() + ($3::bigint * interval '1 millisecond')
                WHERE request_id = $1 AND state = 'IN_FLIGHT' AND owner = $2
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(requestId, owner, lease.toMillis()))
                .map(rows -> first(rows).map(LedgerEntry::leaseLeft));
    }

    public Uni<LedgerEntry> read(String requestId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM send_request WHERE request_id = $1")
                .execute(Tuple.of(requestId))
                .map(rows -> first(rows).orElseThrow(() -> new IllegalStateException(
                        "send request " + requestId + " is not in the ledger")));
    }

    /**
     * Stores the provider's answer if the row is still in flight and answers the row as stored: when another
     * replica completed it first, its outcome is the one that stands (and the one to publish).
     */
    public Uni<LedgerEntry> complete(String requestId, SendAttempt answer, Instant at) {
        Tuple values = answer instanceof SendAttempt.Accepted accepted
                ? Tuple.from(Arrays.asList(requestId, "ACCEPTED", accepted.providerMessageId(), null, null, null,
                        utc(at)))
                : refusal(requestId, (SendAttempt.Refused) answer, at);
        return client.preparedQuery("""
                UPDATE send_request SET state = $2, provider_message_id = $3, failure_reason = $4,
                       provider_code = $5, provider_text = $6, completed_at = $7, lease_until = NULL
                WHERE request_id = $1 AND state = 'IN_FLIGHT'
                RETURNING\s""" + COLUMNS)
                .execute(values)
                .flatMap(rows -> first(rows).map(entry -> Uni.createFrom().item(entry))
                        .orElseGet(() -> read(requestId)));
    }

    /** Which of {@code providerMessageIds} the ledger holds under a request other than {@code requestId}. */
    public Uni<Set<String>> takenByOthers(String provider, List<String> providerMessageIds, String requestId) {
        if (providerMessageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("""
                SELECT provider_message_id FROM send_request
                WHERE provider = $1 AND provider_message_id = ANY($2) AND request_id <> $3""")
                .execute(Tuple.of(provider, providerMessageIds.toArray(String[]::new), requestId))
                .map(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(row -> taken.add(row.getString(0)));
                    return taken;
                });
    }

    /** One round trip: what the {@code sending} health check asks. */
    public Uni<Void> ping() {
        return client.query("SELECT 1").execute().replaceWithVoid();
    }

    static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Tuple refusal(String requestId, SendAttempt.Refused refused, Instant at) {
        return Tuple.from(Arrays.asList(requestId, "FAILED", null, refused.reason().name(),
                shorten(refused.providerCode(), MAX_CODE), shorten(refused.providerText(), MAX_TEXT), utc(at)));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Optional<LedgerEntry> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(entry(iterator.next())) : Optional.empty();
    }

    private static LedgerEntry entry(Row row) {
        String reason = row.getString("failure_reason");
        OffsetDateTime completed = row.getOffsetDateTime("completed_at");
        return new LedgerEntry(LedgerEntry.State.valueOf(row.getString("state")),
                row.getOffsetDateTime("first_sent_at").toInstant(), row.getInteger("deliveries"),
                row.getString("provider_message_id"), reason == null ? null : FailureReason.valueOf(reason),
                row.getString("provider_code"), row.getString("provider_text"),
                completed == null ? null : completed.toInstant(), row.getString("owner"),
                Duration.ofMillis(Math.max(0, row.getLong("lease_left_ms"))));
    }
}
