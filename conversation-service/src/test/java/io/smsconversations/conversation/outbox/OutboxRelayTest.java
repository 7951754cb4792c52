package io.smsconversations.conversation.outbox;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/** Several relay passes at once (as several replicas run them) publish each event once, in order per key. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OutboxRelayTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Inject
    OutboxRelay relay;

    @Inject
    Housekeeping housekeeping;

    @Inject
    OutboxWake wake;

    @Test
    void concurrentPassesPublishEachEventOnceInOrder() {
        String key = "relay-test-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = key + "-" + i;
            ids.add(id);
            TestDatabase.execute("""
                    INSERT INTO outbox_event (topic, message_key, ce_id, ce_type, ce_subject, ce_time, payload)
                    VALUES (?, ?, ?, 'io.smsconversations.test.v1', ?, ?, CAST(? AS json))""",
                    Topics.CONVERSATION_EVENTS, key, id, key, java.sql.Timestamp.from(Instant.now()),
                    "{\"n\":" + i + "}");
        }
        // Passes racing the scheduled one, each on its own connection, as other replicas would.
        IntStream.range(0, 4).forEach(i -> relay.relayOnce().subscribe().with(count -> { }, failure -> { }));

        List<CloudEventRecord> published = kafka.await(Topics.CONVERSATION_EVENTS, e -> key.equals(e.key()), 60,
                EVENTUALLY);
        assertThat(published).extracting(CloudEventRecord::id).containsExactlyElementsOf(ids);
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS, e -> key.equals(e.key()), Duration.ofSeconds(2)))
                .hasSize(60);
        assertThat(published.get(0).subject()).isEqualTo(key);
        assertThat(published.get(59).value()).isEqualTo("{\"n\":59}");
    }

    /**
     * A committed append is announced by PostgreSQL (the V30 trigger) and wakes the relay, instead of waiting for
     * its next poll; one NOTIFY per transaction, not per row. Rows written by another connection, as another
     * replica would.
     */
    @Test
    void aCommittedAppendWakesTheRelayOncePerTransaction() {
        String key = "wake-test-" + UUID.randomUUID();
        double before = wake.wakes();
        TestDatabase.execute("""
                INSERT INTO outbox_event (topic, message_key, ce_id, ce_type, ce_subject, ce_time, payload)
                SELECT ?, ?, ? || '-' || n, 'io.smsconversations.test.v1', ?, now(), CAST('{}' AS json)
                FROM generate_series(1, 3) AS n""", Topics.CONVERSATION_EVENTS, key, key, key);

        List<CloudEventRecord> published = kafka.await(Topics.CONVERSATION_EVENTS, e -> key.equals(e.key()), 3,
                EVENTUALLY);
        assertThat(published).extracting(CloudEventRecord::id).containsExactly(key + "-1", key + "-2", key + "-3");
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).until(() -> wake.wakes() > before);
        // Other tests of this class may append meanwhile, but this transaction's three rows were one announcement.
        assertThat(wake.wakes() - before).isLessThan(3);
    }

    @Test
    void housekeepingDeletesOldPublishedRowsAndOldUnclaimedReportsOnly() {
        String key = "housekeeping-" + UUID.randomUUID();
        String reportId = "report-" + key;
        java.sql.Timestamp old = java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(8)));
        for (String state : List.of("old", "recent", "pending")) {
            TestDatabase.execute("""
                    INSERT INTO outbox_event (topic, message_key, ce_id, ce_type, ce_time, payload, created_at,
                                              published_at)
                    VALUES (?, ?, ?, 'io.smsconversations.test.v1', now(), CAST('{}' AS json), ?, ?)""",
                    Topics.CONVERSATION_EVENTS, key, key + "-" + state, old, switch (state) {
                        case "old" -> old;
                        case "recent" -> java.sql.Timestamp.from(Instant.now());
                        default -> null;
                    });
        }
        TestDatabase.execute("""
                INSERT INTO pending_delivery_report (event_id, provider, provider_message_id, status, reported_at,
                                                     received_at)
                VALUES (?, 'twilio', ?, 'SENT', ?, ?)""", reportId, "SM" + key, old, old);

        housekeeping.run().await().atMost(Duration.ofSeconds(30));

        assertThat(TestDatabase.count("SELECT count(*) FROM outbox_event WHERE message_key = ?", key)).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM outbox_event WHERE ce_id = ?", key + "-old")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM pending_delivery_report WHERE event_id = ?", reportId))
                .isZero();
    }
}
