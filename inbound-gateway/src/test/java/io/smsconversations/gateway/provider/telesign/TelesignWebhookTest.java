package io.smsconversations.gateway.provider.telesign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.DeliveryReportsOnKafka;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/** Telesign's one callback URL on the real broker: statuses and inbound SMS, its signature, its refusals. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TelesignWebhookTest {

    private static final String CALLBACKS = TelesignWebhook.CALLBACKS_PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.telesign.api-key")
    String apiKey;

    @ConfigProperty(name = "gateway.telesign.customer-id")
    String customerId;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesADeliveryReportSignedAsTelesignSignsIt() {
        String delivered = newId();
        String blocked = newId();

        post(TelesignCallbacksTest.report(delivered, 200, "Delivered to handset")).statusCode(200);
        post(TelesignCallbacksTest.report(blocked, 230, "Message blocked by TeleSign")).statusCode(200);

        CloudEventRecord record = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> delivered.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.deliveryReport("telesign", delivered, DeliveryStatus.DELIVERED));
        assertThat(record.type()).isEqualTo(EventTypes.DELIVERY_REPORT_RECEIVED);
        assertThat(record.key()).isEqualTo(delivered);
        DeliveryReportReceived report = record.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("telesign", delivered, DeliveryStatus.DELIVERED, null,
                "200", "Delivered to handset", null, null, report.reportedAt()));
        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> blocked.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("telesign", blocked, DeliveryStatus.FAILED,
                FailureReason.Blocked, "230", "Message blocked by TeleSign", null, null, report.reportedAt()));
    }

    @Test
    void publishesAnInboundSmsFromTheSameUrl() {
        String id = newId();
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"telesign\"");

        Instant before = Instant.now();
        post(TelesignCallbacksTest.inbound(id, "15555550123", "12065550188", "Hello " + id)).statusCode(200);
        Instant after = Instant.now();

        CloudEventRecord record = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> id.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("telesign", id));
        assertThat(record.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
        assertThat(record.key()).isEqualTo(ConversationKey.of("+15555550123", "+12065550188"));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(event).isEqualTo(new InboundMessageReceived("telesign", id, "+15555550123", "+12065550188",
                "Hello " + id, event.receivedAt(), List.of(), 1));
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"telesign\""))
                .isEqualTo(acceptedBefore + 1);
    }

    @Test
    void refusesWhatTheAccountDidNotSignAndPublishesNothing() {
        String unsigned = newId();
        String forged = newId();
        String edited = newId();
        String otherAccount = newId();
        double missing = rejected("signature-missing");
        double invalid = rejected("signature-invalid");

        given().contentType("application/json").body(TelesignCallbacksTest.report(unsigned, 200, "x"))
                .when().post(CALLBACKS).then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("Authorization header is missing"));
        given().contentType("application/json").header("Authorization", "TSA " + customerId + ":"
                + TelesignSignature.sign("b3RoZXIta2V5", bytes(forged)).orElseThrow())
                .body(TelesignCallbacksTest.report(forged, 200, "x")).when().post(CALLBACKS).then()
                .statusCode(403).body("detail", containsString("not this account's signature"));
        String signedBody = TelesignCallbacksTest.report(edited, 221, "x");
        given().contentType("application/json").header("Authorization", authorization(signedBody))
                .body(TelesignCallbacksTest.report(edited, 200, "x")).when().post(CALLBACKS).then().statusCode(403);
        String body = TelesignCallbacksTest.report(otherAccount, 200, "x");
        given().contentType("application/json").header("Authorization", "TSA 00000000-0000-0000-0000-000000000000:"
                + TelesignSignature.sign(apiKey, bytes(body)).orElseThrow())
                .body(body).when().post(CALLBACKS).then().statusCode(403);

        assertThat(rejected("signature-missing")).isEqualTo(missing + 1);
        assertThat(rejected("signature-invalid")).isEqualTo(invalid + 3);
        String control = newId();
        post(TelesignCallbacksTest.report(control, 203, "Delivered to gateway")).statusCode(200);
        DeliveryReportsOnKafka.assertOnlyControl(control, unsigned, forged, edited, otherAccount);
    }

    @Test
    void refusesAuthenticButUnusableCallbacksNamingTheProblem() {
        double before = rejected("malformed");

        post("{not json").statusCode(400).body("detail", equalTo("The body is not valid JSON."));
        post("[1, 2]").statusCode(400).body("detail", equalTo("The body is not a JSON object."));
        post(TelesignCallbacksTest.report(newId(), 299, "new")).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("status.code 299 is not a Telesign SMS status"));
        post(TelesignCallbacksTest.inbound(newId(), "15555550123", "InfoSMS", "from a name")).statusCode(400)
                .body("detail", containsString("user_response.sender_id is not a phone number"));

        assertThat(rejected("malformed")).isEqualTo(before + 4);
    }

    private ValidatableResponse post(String body) {
        return given().contentType("application/json").header("Authorization", authorization(body)).body(body)
                .when().post(CALLBACKS).then();
    }

    private String authorization(String body) {
        return "TSA " + customerId + ":" + TelesignSignature.sign(apiKey, bytes(body)).orElseThrow();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"telesign\",reason=\"" + reason + "\"");
    }
}
