package io.smsconversations.routing.decision;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.queryOne;
import static io.smsconversations.routing.TestSupport.unique;
import static io.smsconversations.routing.decision.RoutingFixtures.message;
import static io.smsconversations.routing.decision.RoutingFixtures.publish;
import static io.smsconversations.routing.decision.RoutingFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaBroker;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * A database outage (a failover: connections dropped, new ones refused) and a Kafka outage longer than the router's
 * retries pause routing (readiness DOWN, the record unacknowledged) instead
 * of dead-lettering the event; when the broker is back the event is routed once. In tests the attach producer gives
 * up on a send after 3 s, so six failed attempts (the retries are 5) take about half a minute.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class KafkaOutageRoutingTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();

    @Inject
    AgroalDataSource db;

    @AfterEach
    void brokerBack() {
        SuiteInfrastructure.get().ownBroker().filter(b -> !b.isRunning()).ifPresent(KafkaBroker::restart);
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void anOutageLongerThanTheRetriesPausesRoutingAndTheEventIsRoutedOnceWhenTheBrokerIsBack() throws Exception {
        KafkaBroker broker = SuiteInfrastructure.get().ownBroker().orElse(null);
        assumeTrue(broker != null, "needs the broker started by the tests");
        String from = number("425");
        String to = number("206");
        String contact = unique("contact");
        record(new DirectoryRecord(contact, RecordType.CONTACT, "Ada", Owner.seller("sam"), true,
                Instant.parse("2026-11-01T00:00:00Z"), List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        InboundMessageReceived reply = message(from, to, "During the outage");

        String inboundId;
        // Hold the router just before its attach event (the decision insert waits for this lock), so that the
        // broker is down by the time it publishes.
        try (Connection lock = db.getConnection(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE routing_decision IN EXCLUSIVE MODE");
            inboundId = publish(KAFKA, reply);
            await().atMost(WAIT).until(() -> ((Number) queryOne(db, "SELECT count(*) FROM pg_locks l JOIN pg_class c "
                    + "ON c.oid = l.relation WHERE c.relname = 'routing_decision' AND NOT l.granted")).intValue() > 0);
            broker.stop();
            lock.commit();
        }

        // Six attempts failed on the broker (more than sms.consumer.defaults.max-retries): still waiting, not dead-lettered.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath ready = readiness();
            assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("DOWN");
            assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.data.waiting"))
                    .isEqualTo("inbound-messages");
            assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.data.'inbound-messages.waitingFor'"))
                    .isEqualTo("kafka");
            assertThat(ready.getInt("checks.find { it.name == 'event-consumers' }.data.'inbound-messages.failedAttempts'"))
                    .isGreaterThan(5);
        });

        broker.restart();

        // The next attempt comes within the backoff (up to 30 s), then the send itself.
        String attachId = EventIds.derived("attach", inboundId);
        MessageAttached attached = KAFKA.awaitOne(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()),
                Duration.ofSeconds(90)).dataAs(MessageAttached.class);
        assertThat(attached.record().id()).isEqualTo(contact);
        await().atMost(WAIT).untilAsserted(() -> assertThat(readiness()
                .getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("UP"));
        assertThat(KAFKA.collect(Topics.INBOUND_MESSAGES + ".dlq.routing-service",
                e -> ConversationKey.of(from, to).equals(e.key()), Duration.ofSeconds(3))).isEmpty();
        assertThat(queryOne(db, "SELECT attach_published_at IS NOT NULL FROM routing_decision "
                + "WHERE inbound_event_id = ?", inboundId)).isEqualTo(true);
    }

    @Test
    void aDatabaseOutageLongerThanTheRetriesPausesRoutingAndTheEventIsRoutedOnceWhenItIsBack() {
        String from = number("425");
        String to = number("206");
        String contact = unique("contact");
        record(new DirectoryRecord(contact, RecordType.CONTACT, "Grace", Owner.seller("sam"), true,
                Instant.parse("2026-11-01T00:00:00Z"), List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));

        String inboundId;
        try (var outage = SuiteInfrastructure.get().postgres().outage("routing")) {
            inboundId = publish(KAFKA, message(from, to, "During the failover"));
            // More failed attempts than sms.consumer.defaults.max-retries: still waiting, not dead-lettered.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonPath ready = readiness();
                assertThat(ready.getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("DOWN");
                assertThat(ready.getString(
                        "checks.find { it.name == 'event-consumers' }.data.'inbound-messages.waitingFor'"))
                        .contains("database");
                assertThat(ready.getInt(
                        "checks.find { it.name == 'event-consumers' }.data.'inbound-messages.failedAttempts'"))
                        .isGreaterThan(5);
            });
        }

        String attachId = EventIds.derived("attach", inboundId);
        MessageAttached attached = KAFKA.awaitOne(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()),
                Duration.ofSeconds(60)).dataAs(MessageAttached.class);
        assertThat(attached.record().id()).isEqualTo(contact);
        await().atMost(WAIT).untilAsserted(() -> assertThat(readiness()
                .getString("checks.find { it.name == 'event-consumers' }.status")).isEqualTo("UP"));
        assertThat(KAFKA.collect(Topics.INBOUND_MESSAGES + ".dlq.routing-service",
                e -> ConversationKey.of(from, to).equals(e.key()), Duration.ofSeconds(3))).isEmpty();
    }

    private static JsonPath readiness() {
        return given().when().get("/q/health/ready").then().extract().jsonPath();
    }
}
