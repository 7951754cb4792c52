package io.smsconversations.gateway.provider.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaBroker;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.gateway.GatewayTestResource;

/**
 * SPEC §8: "If Kafka cannot take it, the gateway answers 503 so the provider retries: nothing is lost." Stops the real
 * broker, so it has a class of its own and always starts the broker again.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioWebhookKafkaOutageTest {

    private static final String PATH = TwilioMessageWebhook.PATH;

    @ConfigProperty(name = "gateway.twilio.auth-token")
    String authToken;

    @ConfigProperty(name = "gateway.public-base-url")
    String publicBaseUrl;

    @ConfigProperty(name = "gateway.kafka.ack-timeout")
    Duration ackTimeout;

    @AfterEach
    void restartTheBroker() {
        // Whatever happened in the test, the classes after this one need Kafka.
        SuiteInfrastructure.get().ownBroker().ifPresent(KafkaBroker::restart);
    }

    @Test
    void answers503WhileKafkaIsDownAndStoresTheRetryOnce() {
        KafkaBroker broker = SuiteInfrastructure.get().ownBroker().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the broker this JVM started (not an external one)");
        // One message through first: the producer is connected and knows the topic's partitions, as in production.
        TwilioWebhook warmUp = TwilioWebhook.sms("warm-up");
        warmUp.post(PATH, warmUp.signature(authToken, publicBaseUrl + PATH)).statusCode(200);

        TwilioWebhook webhook = TwilioWebhook.sms("during the outage " + TwilioWebhook.newSid("X"));
        String sid = webhook.messageSid();
        String signature = webhook.signature(authToken, publicBaseUrl + PATH);

        broker.stop();
        try {
            long start = System.nanoTime();
            webhook.post(PATH, signature)
                    .statusCode(503)
                    .header("Retry-After", equalTo("7"))
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", containsString("Kafka did not acknowledge it in time"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Within the bound (plus slack for a loaded machine), and well before Twilio's 15 s read timeout.
            assertThat(took).isLessThan(ackTimeout.plusSeconds(3));
        } finally {
            broker.restart();
        }

        // Twilio retries later; by then the gateway is ready again (readiness covers the Kafka connection).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .when().get("/q/health/ready").then().statusCode(200));
        webhook.post(PATH, signature)
                .statusCode(200)
                .body(equalTo(TwilioMessageWebhook.EMPTY_TWIML));

        try (KafkaTestClient kafka = KafkaTestClient.forSuite()) {
            List<CloudEventRecord> records = kafka.collect(Topics.INBOUND_MESSAGES, r -> sid.equals(r.subject()),
                    Duration.ofSeconds(5));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).id()).isEqualTo(EventIds.inboundMessage("twilio", sid));
        }
    }

    @Test
    void aStatusCallbackIsAlso503WhileKafkaIsDownAndStoredOnceOnRetry() {
        KafkaBroker broker = SuiteInfrastructure.get().ownBroker().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the broker this JVM started (not an external one)");
        // Ready (the other test may have just restarted the broker), and the delivery-reports producer is connected
        // and knows the topic, as in production.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .when().get("/q/health/ready").then().statusCode(200));
        TwilioWebhook warmUp = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "sent", null);
        warmUp.post(TwilioStatusWebhook.PATH, warmUp.signature(authToken, publicBaseUrl + TwilioStatusWebhook.PATH))
                .statusCode(204);
        String sid = TwilioWebhook.newSid("SM");
        TwilioWebhook callback = TwilioWebhook.status(sid, "+12065550100", "+14255550100", "delivered", null);
        String signature = callback.signature(authToken, publicBaseUrl + TwilioStatusWebhook.PATH);

        broker.stop();
        try {
            callback.post(TwilioStatusWebhook.PATH, signature)
                    .statusCode(503)
                    .header("Retry-After", equalTo("7"))
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("Kafka did not acknowledge it in time"));
        } finally {
            broker.restart();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .when().get("/q/health/ready").then().statusCode(200));
        callback.post(TwilioStatusWebhook.PATH, signature).statusCode(204);

        try (KafkaTestClient kafka = KafkaTestClient.forSuite()) {
            List<CloudEventRecord> records = kafka.collect(Topics.DELIVERY_REPORTS, r -> sid.equals(r.subject()),
                    Duration.ofSeconds(5));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).id())
                    .isEqualTo(EventIds.deliveryReport("twilio", sid, io.smsconversations.events.DeliveryStatus.DELIVERED));
        }
    }
}
