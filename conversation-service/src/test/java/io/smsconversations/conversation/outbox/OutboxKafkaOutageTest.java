package io.smsconversations.conversation.outbox;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaBroker;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * The outbox loses nothing: a change committed while Kafka is down is announced once it is back, and an event whose
 * publication was not stamped (the relay died in between) is published again. Stops the real broker, so it has a
 * class of its own and always starts the broker again.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OutboxKafkaOutageTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @AfterEach
    void restartTheBroker() {
        SuiteInfrastructure.get().ownBroker().ifPresent(KafkaBroker::restart);
    }

    @Test
    void aSendCommittedWhileKafkaIsDownIsPublishedWhenItIsBack() {
        KafkaBroker broker = SuiteInfrastructure.get().ownBroker().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the broker this JVM started (not an external one)");
        Line line = Line.open(kafka);
        String messageId;

        broker.stop();
        try {
            // The send only touches the database: it is accepted while the broker is down.
            messageId = line.send("Sent during the outage").statusCode(202).extract().path("id");
            String eventId = EventIds.derived("send-requested", messageId);
            assertThat(TestDatabase.count("SELECT count(*) FROM outbox_event WHERE ce_id = ?", eventId)).isEqualTo(1);
            // Nothing can be acknowledged while the broker is down: the event stays pending.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> TestDatabase.count(
                    "SELECT count(*) FROM outbox_event WHERE ce_id = ? AND published_at IS NULL", eventId) == 1);
        } finally {
            broker.restart();
        }

        String eventId = EventIds.derived("send-requested", messageId);
        CloudEventRecord request = kafka.awaitOne(Topics.SEND_REQUESTS, e -> eventId.equals(e.id()),
                Duration.ofSeconds(90));
        assertThat(request.dataAs(SendRequested.class).body()).isEqualTo("Sent during the outage");
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDatabase.count(
                "SELECT count(*) FROM outbox_event WHERE ce_id = ? AND published_at IS NOT NULL", eventId) == 1);
        kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> EventIds.derived("message-added", messageId).equals(e.id()),
                EVENTUALLY);
        // The passes that failed during the outage left the relay lock on no connection: an idle session (between
        // passes) never holds an advisory lock, so every replica can still relay.
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND a.state = 'idle'")).isZero();
    }

    @Test
    void anEventThatWasNeverStampedIsPublishedAgainAndOneLeftByACrashedInstanceIsPublished() {
        Line line = Line.open(kafka);
        String messageId = line.send("Once at least").statusCode(202).extract().path("id");
        String eventId = EventIds.derived("send-requested", messageId);
        kafka.awaitOne(Topics.SEND_REQUESTS, e -> eventId.equals(e.id()), EVENTUALLY);
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM outbox_event WHERE ce_id = ? AND published_at IS NOT NULL", eventId) == 1);

        // The relay died after Kafka took the event but before it stamped the row.
        TestDatabase.execute("UPDATE outbox_event SET published_at = NULL WHERE ce_id = ?", eventId);

        List<CloudEventRecord> copies = kafka.await(Topics.SEND_REQUESTS, e -> eventId.equals(e.id()), 2, EVENTUALLY);
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).value()).isEqualTo(copies.get(0).value());
        assertThat(copies.get(1).key()).isEqualTo(copies.get(0).key());

        // A row committed by an instance that crashed before any relay pass ran.
        String orphan = UUID.randomUUID().toString();
        TestDatabase.execute("""
                INSERT INTO outbox_event (topic, message_key, ce_id, ce_type, ce_subject, ce_time, payload)
                VALUES (?, ?, ?, 'io.smsconversations.test.v1', NULL, ?, CAST(? AS json))""",
                Topics.CONVERSATION_EVENTS, line.conversationId(), orphan, java.sql.Timestamp.from(Instant.now()),
                "{\"left\":\"behind\"}");
        CloudEventRecord published = kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> orphan.equals(e.id()),
                EVENTUALLY);
        assertThat(published.value()).isEqualTo("{\"left\":\"behind\"}");
        assertThat(published.key()).isEqualTo(line.conversationId());
    }
}
