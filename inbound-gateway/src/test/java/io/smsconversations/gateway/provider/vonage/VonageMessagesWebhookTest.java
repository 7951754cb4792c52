package io.smsconversations.gateway.provider.vonage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.PublishedSoFar;
import io.smsconversations.gateway.media.MediaIds;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/** Vonage's Messages API inbound webhook on the real broker and database: a signed MMS in, refusals publish nothing. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class VonageMessagesWebhookTest {

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.vonage.signature-secret")
    String secret;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String mms(String uuid, String url) {
        return """
                {"channel":"mms","message_uuid":"%s","to":"14155550101","from":"1415555%04d",
                 "timestamp":"2026-12-04T04:00:00Z","message_type":"image","image":{"url":"%s","caption":"dent"}}"""
                .formatted(uuid, (int) (Math.random() * 10_000), url);
    }

    @Test
    void publishesASignedMmsWithTheGatewaysMediaId() {
        String uuid = UUID.randomUUID().toString();
        String body = mms(uuid, "https://api-us.nexmo.com/v3/media/" + UUID.randomUUID());

        given().contentType("application/json").header("Authorization", VonageMessagesJwt.bearer(secret, body,
                Instant.now())).body(body).post(VonageMessagesWebhook.PATH).then().statusCode(200);

        CloudEventRecord record = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> uuid.equals(r.subject()),
                Duration.ofSeconds(30));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.provider()).isEqualTo("vonage");
        assertThat(event.body()).isEqualTo("dent");
        assertThat(event.media()).containsExactly(
                new MediaReference(MediaIds.of("vonage", uuid, 0).toString(), "application/octet-stream"));
        assertThat(record.data().toString()).doesNotContain("nexmo");
    }

    @Test
    void refusesForgedAndMalformedWebhooksPublishingNothing() {
        String forged = UUID.randomUUID().toString();
        String forgedBody = mms(forged, "https://api.nexmo.com/v3/media/x");
        String malformed = UUID.randomUUID().toString();
        String malformedBody = mms(malformed, "https://169.254.169.254/latest/meta-data");

        given().contentType("application/json").header("Authorization", VonageMessagesJwt.bearer("not-the-secret",
                forgedBody, Instant.now())).body(forgedBody).post(VonageMessagesWebhook.PATH).then().statusCode(403);
        given().contentType("application/json").body(forgedBody).post(VonageMessagesWebhook.PATH).then()
                .statusCode(403);
        given().contentType("application/json").header("Authorization", VonageMessagesJwt.bearer(secret,
                malformedBody, Instant.now())).body(malformedBody).post(VonageMessagesWebhook.PATH).then()
                .statusCode(400).body("detail", containsString("image.url is not on the provider's media host"));

        // A control accepted after them: what a refusal published would be below the end offsets read now.
        publishesASignedMmsWithTheGatewaysMediaId();
        assertThat(PublishedSoFar.subjects(Topics.INBOUND_MESSAGES,
                r -> forged.equals(r.subject()) || malformed.equals(r.subject()))).isEmpty();
    }
}
