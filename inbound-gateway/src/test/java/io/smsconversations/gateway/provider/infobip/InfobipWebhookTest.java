package io.smsconversations.gateway.provider.infobip;

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
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.CapturedLogs;
import io.smsconversations.gateway.DeliveryReportsOnKafka;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.gateway.GatewayTestResource;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class InfobipWebhookTest {

    private static final String INBOUND = InfobipWebhook.INBOUND_PATH;
    private static final String REPORTS = InfobipWebhook.DELIVERY_REPORTS_PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.infobip.webhook-secret")
    String secret;

    @ConfigProperty(name = "gateway.infobip.basic-auth-username")
    String username;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesEveryInboundResult() {
        String first = newId();
        String second = newId();
        String body = """
                {"results":[%s,%s],"messageCount":2,"pendingMessageCount":0}"""
                .formatted(inbound(first, "385916242493", "385921004026", "Hello " + first, 2),
                        inbound(second, "14255550123", "12065550188", "Again " + second, 1));
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"infobip\"");

        Instant before = Instant.now();
        given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret).body(body)
                .when().post(INBOUND).then().statusCode(200);
        Instant after = Instant.now();

        CloudEventRecord record = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> first.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("infobip", first));
        assertThat(record.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
        assertThat(record.key()).isEqualTo(ConversationKey.of("+385916242493", "+385921004026"));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(event).isEqualTo(new InboundMessageReceived("infobip", first, "+385916242493", "+385921004026",
                "Hello " + first, event.receivedAt(), List.of(), 2));
        assertThat(kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> second.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(InboundMessageReceived.class).from()).isEqualTo("+14255550123");
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"infobip\""))
                .isEqualTo(acceptedBefore + 2);
    }

    @Test
    void publishesDeliveryReportsWithBasicAuth() {
        String delivered = newId();
        String rejected = newId();
        String body = """
                {"results":[
                 {"bulkId":"b1","messageId":"%s","to":"41793026727","sentAt":"2026-11-25T00:00:00.000+0000",
                  "doneAt":"2026-11-25T00:00:02.000+0000","smsCount":1,"price":{"pricePerMessage":0.01,"currency":"EUR"},
                  "status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET","description":"Message delivered to handset"},
                  "error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","description":"No Error","permanent":false}},
                 {"messageId":"%s","to":"41793026727",
                  "status":{"groupId":5,"groupName":"REJECTED","id":52,"name":"REJECTED_DESTINATION","description":"Destination rejected"},
                  "error":{"groupId":2,"groupName":"USER_ERRORS","id":11,"name":"EC_ILLEGAL_SUBSCRIBER","permanent":true}}]}"""
                .formatted(delivered, rejected);

        given().contentType("application/json").auth().preemptive().basic(username, secret).body(body)
                .when().post(REPORTS).then().statusCode(200);

        CloudEventRecord record = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> delivered.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.deliveryReport("infobip", delivered, DeliveryStatus.DELIVERED));
        assertThat(record.type()).isEqualTo(EventTypes.DELIVERY_REPORT_RECEIVED);
        assertThat(record.key()).isEqualTo(delivered);
        DeliveryReportReceived report = record.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("infobip", delivered, DeliveryStatus.DELIVERED, null,
                "0", "DELIVERED / DELIVERED_TO_HANDSET / OK / NO_ERROR", null, "+41793026727", report.reportedAt()));
        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> rejected.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("infobip", rejected, DeliveryStatus.FAILED,
                FailureReason.InvalidSendingParameters, "11",
                "REJECTED / REJECTED_DESTINATION / USER_ERRORS / EC_ILLEGAL_SUBSCRIBER", null, "+41793026727",
                report.reportedAt()));
    }

    @Test
    void refusesAWrongOrMissingSecretAndPublishesNothing() {
        String wrong = newId();
        String missing = newId();
        String wrongUser = newId();
        double invalid = rejected("secret-invalid");
        double absent = rejected("signature-missing");

        given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, "not-the-secret")
                .body(report(wrong)).when().post(REPORTS).then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", containsString("does not match"));
        given().contentType("application/json").body(report(missing)).when().post(REPORTS).then()
                .statusCode(403).body("detail", containsString("webhook secret is missing"));
        given().contentType("application/json").auth().preemptive().basic("someone", secret)
                .body(report(wrongUser)).when().post(REPORTS).then().statusCode(403);

        assertThat(rejected("secret-invalid")).isEqualTo(invalid + 2);
        assertThat(rejected("signature-missing")).isEqualTo(absent + 1);
        String control = newId();
        given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret).body(report(control))
                .when().post(REPORTS).then().statusCode(200);
        DeliveryReportsOnKafka.assertOnlyControl(control, wrong, missing, wrongUser);
    }

    @Test
    void unmappableResultsAreSkippedCountedAndLoggedMaskedAndTheOthersPublished() {
        String good = newId();
        String shortCode = newId();
        String alphanumeric = newId();
        String noFrom = newId();
        String goodReport = newId();
        String unknownStatus = newId();
        String noStatus = newId();
        // A valid customer number beside each bad element: the logs may show it only masked.
        String customer = "385916242477";
        String messages = "{\"results\":[" + inbound(good, "14255550123", "12065550188", "good", 1) + ","
                + inbound(shortCode, "12345", customer, "from a short code", 1) + ","
                + inbound(alphanumeric, "InfoSMS", customer, "from a name", 1) + ","
                + "{\"messageId\":\"" + noFrom + "\",\"to\":\"" + customer + "\",\"text\":\"no sender\"},"
                + "\"not an object\"]}";
        String reports = """
                {"results":[
                 {"messageId":"%s","to":"%s","status":{"groupName":"DELIVERED","name":"DELIVERED_TO_HANDSET"}},
                 {"messageId":"%s","to":"%s","status":{"groupName":"EXPLODED","name":"BOOM"}},
                 {"messageId":"%s","to":"%s"}]}""".formatted(goodReport, "41793026727", unknownStatus, customer,
                noStatus, customer);
        double skippedBefore = Metrics.counter("gateway_webhook_skipped_total", "provider=\"infobip\"");

        try (CapturedLogs logs = CapturedLogs.start()) {
            given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret).body(messages)
                    .when().post(INBOUND).then().statusCode(200);
            given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret).body(reports)
                    .when().post(REPORTS).then().statusCode(200);

            assertThat(logs.containing("skipped results[")).hasSize(6);
            assertThat(logs.containing("skipped results[1] of 5")).singleElement().asString()
                    .contains(shortCode, "from is not a phone number", "to " + E164.masked(customer));
            assertThat(logs.containing("skipped results[1] of 3")).singleElement().asString()
                    .contains("status.groupName is not one of");
            assertThat(logs.lines()).noneMatch(line -> line.contains(customer))
                    .noneMatch(line -> line.contains("from a short code"));
        }
        assertThat(Metrics.counter("gateway_webhook_skipped_total", "provider=\"infobip\""))
                .isEqualTo(skippedBefore + 6);
        DeliveryReportsOnKafka.OnBothTopics published = DeliveryReportsOnKafka.onBothTopics(good, shortCode,
                alphanumeric, noFrom, goodReport, unknownStatus, noStatus);
        assertThat(published.messages()).containsExactly(good);
        assertThat(published.reports()).containsExactly(goodReport);
    }

    @Test
    void onlyABodyWithoutResultsIsRefused() {
        double before = rejected("malformed");

        given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret)
                .body("{\"messages\":[]}").when().post(INBOUND).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("The body has no results array."));
        given().contentType("application/json").header(InfobipWebhook.SECRET_HEADER, secret)
                .body("{not json").when().post(REPORTS).then()
                .statusCode(400).body("detail", equalTo("The body is not valid JSON."));

        assertThat(rejected("malformed")).isEqualTo(before + 2);
    }

    private static String inbound(String messageId, String from, String to, String text, int smsCount) {
        return """
                {"messageId":"%s","from":"%s","to":"%s","text":"%s","cleanText":"%s","keyword":"",
                 "receivedAt":"2026-11-25T00:00:00.000+0000","smsCount":%d,
                 "price":{"pricePerMessage":0,"currency":"EUR"},"callbackData":"cb"}"""
                .formatted(messageId, from, to, text, text, smsCount);
    }

    private static String report(String messageId) {
        return """
                {"results":[{"messageId":"%s","to":"41793026727",
                 "status":{"groupId":1,"groupName":"PENDING","id":7,"name":"PENDING_ENROUTE"}}]}""".formatted(messageId);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"infobip\",reason=\"" + reason + "\"");
    }
}
