package io.smsconversations.gateway.provider.linkmobility;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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

/** LINK Mobility's two gate URLs on the real broker: reports, incoming messages, basic auth, refusals. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LinkMobilityWebhookTest {

    private static final String REPORTS = LinkMobilityWebhook.DELIVERY_REPORTS_PATH;
    private static final String INBOUND = LinkMobilityWebhook.INBOUND_PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.linkmobility.webhook-username")
    String username;

    @ConfigProperty(name = "gateway.linkmobility.webhook-password")
    String password;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesDeliveryReports() {
        String delivered = newId();
        String optedOut = newId();

        post(REPORTS, LinkMobilityCallbacksTest.report(delivered, "req-1", 1001)).statusCode(200);
        post(REPORTS, LinkMobilityCallbacksTest.report(optedOut, "req-2", 2205)).statusCode(200);

        CloudEventRecord record = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> delivered.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.deliveryReport("linkmobility", delivered,
                DeliveryStatus.DELIVERED));
        assertThat(record.type()).isEqualTo(EventTypes.DELIVERY_REPORT_RECEIVED);
        assertThat(record.key()).isEqualTo(delivered);
        DeliveryReportReceived report = record.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("linkmobility", delivered, DeliveryStatus.DELIVERED,
                null, "1001", "operator result 000", null, null, report.reportedAt()));
        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> optedOut.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(report.reason()).isEqualTo(FailureReason.RecipientOptedOut);
    }

    @Test
    void publishesIncomingMessages() {
        String id = newId();

        Instant before = Instant.now();
        post(INBOUND, LinkMobilityCallbacksTest.inbound(id, "+4798765432", "+4741234567", "Hei " + id))
                .statusCode(200);
        Instant after = Instant.now();

        CloudEventRecord record = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> id.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("linkmobility", id));
        assertThat(record.key()).isEqualTo(ConversationKey.of("+4798765432", "+4741234567"));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(event).isEqualTo(new InboundMessageReceived("linkmobility", id, "+4798765432", "+4741234567",
                "Hei " + id, event.receivedAt(), List.of(), 1));
    }

    @Test
    void refusesMissingOrWrongCredentialsAndPublishesNothing() {
        String none = newId();
        String wrongPassword = newId();
        String wrongUser = newId();
        double missing = rejected("signature-missing");
        double invalid = rejected("secret-invalid");

        given().contentType("application/json").body(LinkMobilityCallbacksTest.report(none, "r", 1001))
                .when().post(REPORTS).then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("Basic auth is missing"));
        given().contentType("application/json").auth().preemptive().basic(username, "not-the-password")
                .body(LinkMobilityCallbacksTest.report(wrongPassword, "r", 1001)).when().post(REPORTS).then()
                .statusCode(403).body("detail", containsString("do not match"));
        given().contentType("application/json").auth().preemptive().basic("someone", password)
                .body(LinkMobilityCallbacksTest.inbound(wrongUser, "+4798765432", "+4741234567", "x"))
                .when().post(INBOUND).then().statusCode(403);

        assertThat(rejected("signature-missing")).isEqualTo(missing + 1);
        assertThat(rejected("secret-invalid")).isEqualTo(invalid + 2);
        String control = newId();
        post(REPORTS, LinkMobilityCallbacksTest.report(control, "r", 1000)).statusCode(200);
        DeliveryReportsOnKafka.assertOnlyControl(control, none, wrongPassword, wrongUser);
    }

    @Test
    void eachUrlRefusesTheOthersPayloadAndWhatCannotMakeAnEvent() {
        double before = rejected("malformed");

        post(REPORTS, LinkMobilityCallbacksTest.inbound(newId(), "+4798765432", "+4741234567", "x")).statusCode(400)
                .body("detail", equalTo("This is an incoming message: point the MO gate at " + INBOUND + "."));
        post(INBOUND, LinkMobilityCallbacksTest.report(newId(), "r", 1001)).statusCode(400)
                .body("detail", equalTo("This is a delivery report: point the delivery-report gate at " + REPORTS
                        + "."));
        post(REPORTS, LinkMobilityCallbacksTest.report(newId(), "r", 1099)).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("resultCode 1099 is not a LINK Mobility result code"));
        post(INBOUND, "{not json").statusCode(400).body("detail", equalTo("The body is not valid JSON."));

        assertThat(rejected("malformed")).isEqualTo(before + 4);
    }

    private ValidatableResponse post(String path, String body) {
        return given().contentType("application/json").auth().preemptive().basic(username, password).body(body)
                .when().post(path).then();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"linkmobility\",reason=\"" + reason
                + "\"");
    }
}
