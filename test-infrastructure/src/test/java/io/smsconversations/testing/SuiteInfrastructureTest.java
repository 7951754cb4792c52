package io.smsconversations.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;

/** The harness itself: a real broker that round-trips an event, survives a restart, and a real PostgreSQL 18. */
class SuiteInfrastructureTest {

    private final SuiteInfrastructure infrastructure = SuiteInfrastructure.get();

    @Test
    void brokerRoundTripsACloudEventAndSurvivesARestart() {
        try (KafkaTestClient kafka = KafkaTestClient.forSuite()) {
            kafka.publishEvent(Topics.INBOUND_MESSAGES, "k-before", "id-1", EventTypes.INBOUND_MESSAGE_RECEIVED,
                    "{\"body\":\"hi\"}");
            infrastructure.ownBroker().orElseThrow().stop();
            infrastructure.ownBroker().orElseThrow().restart();
            kafka.publishEvent(Topics.INBOUND_MESSAGES, "k-after", "id-2", EventTypes.INBOUND_MESSAGE_RECEIVED,
                    "{\"body\":\"again\"}");

            var before = kafka.awaitOne(Topics.INBOUND_MESSAGES, e -> "k-before".equals(e.key()), Duration.ofSeconds(30));
            var after = kafka.awaitOne(Topics.INBOUND_MESSAGES, e -> "k-after".equals(e.key()), Duration.ofSeconds(30));

            assertThat(before.id()).isEqualTo("id-1");
            assertThat(before.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
            assertThat(before.data().get("body").asText()).isEqualTo("hi");
            assertThat(after.id()).isEqualTo("id-2");
        }
    }

    @Test
    void eachServiceGetsItsOwnDatabaseOnPostgres18() throws Exception {
        ServiceDatabase routing = infrastructure.postgres().database("routing_it", true);
        ServiceDatabase other = infrastructure.postgres().database("other_it", true);

        assertThat(infrastructure.postgres().serverVersion()).startsWith("18.");
        try (var connection = DriverManager.getConnection(routing.jdbcUrl(), routing.user(), routing.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
        try (var connection = DriverManager.getConnection(other.jdbcUrl(), routing.user(), routing.password())) {
            throw new AssertionError("routing's role reached another service's database");
        } catch (java.sql.SQLException expected) {
            assertThat(expected.getMessage()).contains("permission denied");
        }
    }
}
