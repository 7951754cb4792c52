package io.smsconversations.gateway.provider.vonage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.DeliveryReportsOnKafka;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.gateway.provider.vonage.VonageSignature.Method;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.gateway.GatewayTestResource;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class VonageWebhookTest {

    private static final String INBOUND = VonageWebhook.INBOUND_PATH;
    private static final String RECEIPT = VonageWebhook.DELIVERY_RECEIPT_PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.vonage.signature-secret")
    String secret;

    @ConfigProperty(name = "gateway.vonage.signature-method")
    Method method;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesASignedInboundMessageSentByGet() {
        String id = VonageCallback.newMessageId();
        String text = "Hello & welcome = 100% \u00e8 " + id;
        VonageCallback callback = VonageCallback.inbound(id, "14255550123", "12065550188", text).sign(method, secret);
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"vonage\"");

        Instant before = Instant.now();
        callback.get(INBOUND).statusCode(204);
        Instant after = Instant.now();

        List<CloudEventRecord> records = kafka.collect(Topics.INBOUND_MESSAGES, r -> id.equals(r.subject()),
                DeliveryReportsOnKafka.QUIET_WINDOW);
        assertThat(records).hasSize(1);
        CloudEventRecord record = records.get(0);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("vonage", id));
        assertThat(record.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
        assertThat(record.source()).isEqualTo(EventTypes.SOURCE_INBOUND_GATEWAY);
        assertThat(record.key()).isEqualTo(ConversationKey.of("+14255550123", "+12065550188"));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(ZonedDateTime.parse(record.time()).toInstant()).isEqualTo(event.receivedAt());
        assertThat(event).isEqualTo(new InboundMessageReceived("vonage", id, "+14255550123", "+12065550188", text,
                event.receivedAt(), List.of(), 1));
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"vonage\""))
                .isEqualTo(acceptedBefore + 1);
    }

    @Test
    void publishesASignedInboundMessageSentAsJsonAndAsForm() {
        String jsonId = VonageCallback.newMessageId();
        String formId = VonageCallback.newMessageId();

        VonageCallback.inbound(jsonId, "447700900001", "447700900002", "json " + jsonId).sign(method, secret)
                .postJson(INBOUND).statusCode(204);
        VonageCallback.inbound(formId, "447700900001", "447700900002", "form " + formId).sign(method, secret)
                .postForm(INBOUND).statusCode(204);

        for (String id : List.of(jsonId, formId)) {
            InboundMessageReceived event = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> id.equals(r.subject()),
                    DeliveryReportsOnKafka.AWAIT).dataAs(InboundMessageReceived.class);
            assertThat(event.from()).isEqualTo("+447700900001");
            assertThat(event.to()).isEqualTo("+447700900002");
            assertThat(event.body()).endsWith(id);
        }
    }

    @Test
    void publishesDeliveryReceiptsWithStatusReasonAndRawCode() {
        String delivered = VonageCallback.newMessageId();
        String optedOut = VonageCallback.newMessageId();
        String expired = VonageCallback.newMessageId();

        VonageCallback.receipt(delivered, "14255550123", "12065550188", "delivered", "0").sign(method, secret)
                .get(RECEIPT).statusCode(204);
        // Sent from a sender id: the report names it as the business address (the opt-out is of that sender).
        VonageCallback.receipt(optedOut, "14255550123", "ACME", "failed", "53").sign(method, secret)
                .postForm(RECEIPT).statusCode(204);
        VonageCallback.receipt(expired, "14255550123", "12065550188", "expired", "1").sign(method, secret)
                .postJson(RECEIPT).statusCode(204);

        CloudEventRecord record = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> delivered.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.deliveryReport("vonage", delivered, DeliveryStatus.DELIVERED));
        assertThat(record.type()).isEqualTo(EventTypes.DELIVERY_REPORT_RECEIVED);
        assertThat(record.key()).isEqualTo(delivered);
        DeliveryReportReceived report = record.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("vonage", delivered, DeliveryStatus.DELIVERED, null,
                "0", "delivered", "+12065550188", "+14255550123", report.reportedAt()));

        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> optedOut.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("vonage", optedOut, DeliveryStatus.FAILED,
                FailureReason.RecipientOptedOut, "53", "failed", "ACME", "+14255550123", report.reportedAt()));

        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> expired.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("vonage", expired, DeliveryStatus.UNDELIVERED,
                FailureReason.Expired, "1", "expired", "+12065550188", "+14255550123", report.reportedAt()));
    }

    @Test
    void refusesForgedMissingStaleAndTamperedCallbacks() {
        VonageCallback forged = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "forged").sign(method, "not-the-secret");
        VonageCallback missing = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "unsigned");
        VonageCallback stale = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "stale").set("timestamp", Long.toString(Instant.now().minusSeconds(600).getEpochSecond()))
                .sign(method, secret);
        VonageCallback noTimestamp = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123",
                "12065550188", "no timestamp").without("timestamp").sign(method, secret);
        VonageCallback tampered = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "original").sign(method, secret).set("text", "tampered");
        VonageCallback forgedReceipt = VonageCallback.receipt(VonageCallback.newMessageId(), "14255550123",
                "12065550188", "delivered", "0").sign(Method.md5hash, secret);
        double invalid = rejected("signature-invalid");
        double absent = rejected("signature-missing");
        double old = rejected("signature-stale");

        forged.get(INBOUND).statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", containsString("sig parameter does not match"));
        missing.postForm(INBOUND).statusCode(403).body("detail", containsString("sig parameter is missing"));
        stale.postJson(INBOUND).statusCode(403).body("detail", containsString("a replay is refused"));
        noTimestamp.get(INBOUND).statusCode(403).body("detail", containsString("timestamp is missing"));
        tampered.get(INBOUND).statusCode(403);
        forgedReceipt.get(RECEIPT).statusCode(403);

        assertThat(rejected("signature-invalid")).isEqualTo(invalid + 3);
        assertThat(rejected("signature-missing")).isEqualTo(absent + 1);
        assertThat(rejected("signature-stale")).isEqualTo(old + 2);
        String control = VonageCallback.newMessageId();
        VonageCallback.inbound(control, "14255550123", "12065550188", "control").sign(method, secret)
                .get(INBOUND).statusCode(204);
        DeliveryReportsOnKafka.assertOnlyControlOn(Topics.INBOUND_MESSAGES, control, forged.messageId(),
                missing.messageId(), stale.messageId(), noTimestamp.messageId(), tampered.messageId());
        String controlReceipt = VonageCallback.newMessageId();
        VonageCallback.receipt(controlReceipt, "14255550123", "12065550188", "accepted", "0").sign(method, secret)
                .get(RECEIPT).statusCode(204);
        DeliveryReportsOnKafka.assertOnlyControl(controlReceipt, forgedReceipt.messageId());
    }

    @Test
    void refusesMalformedButAuthenticCallbacks() {
        VonageCallback badNumber = VonageCallback.inbound(VonageCallback.newMessageId(), "customer", "12065550188",
                "bad number").sign(method, secret);
        VonageCallback noId = VonageCallback.inbound("none", "14255550123", "12065550188", "no id")
                .without("messageId").sign(method, secret);
        VonageCallback badStatus = VonageCallback.receipt(VonageCallback.newMessageId(), "14255550123",
                "12065550188", "exploded", "0").sign(method, secret);
        double before = rejected("malformed");

        badNumber.get(INBOUND).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("msisdn is not a phone number"))
                .body("detail", not(containsString("customer")));
        noId.postJson(INBOUND).statusCode(400).body("detail", containsString("messageId is missing"));
        badStatus.get(RECEIPT).statusCode(400).body("detail", containsString("status is not one of"));
        given().contentType("application/json").body("{not json").when().post(INBOUND).then()
                .statusCode(400).body("detail", equalTo("The body is not valid JSON."));

        assertThat(rejected("malformed")).isEqualTo(before + 4);
        String control = VonageCallback.newMessageId();
        VonageCallback.receipt(control, "14255550123", "12065550188", "accepted", "0").sign(method, secret)
                .get(RECEIPT).statusCode(204);
        DeliveryReportsOnKafka.assertOnlyControl(control, badStatus.messageId());
        String controlMessage = VonageCallback.newMessageId();
        VonageCallback.inbound(controlMessage, "14255550123", "12065550188", "control").sign(method, secret)
                .get(INBOUND).statusCode(204);
        DeliveryReportsOnKafka.assertOnlyControlOn(Topics.INBOUND_MESSAGES, controlMessage,
                badNumber.messageId());
    }

    @Test
    void refusesASignedCallbackAtTheOtherKindsEndpoint() {
        VonageCallback receipt = VonageCallback.receipt(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "delivered", "0").sign(method, secret);
        VonageCallback inbound = VonageCallback.inbound(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "START").sign(method, secret);
        // A receipt stripped of what only receipts carry still has no type and no text: not an inbound message.
        VonageCallback stripped = VonageCallback.receipt(VonageCallback.newMessageId(), "14255550123", "12065550188",
                "delivered", "0").without("status").without("err-code").without("scts").sign(method, secret);
        double before = rejected("malformed");

        receipt.get(INBOUND).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("are a delivery receipt's (status, err-code, scts), not an inbound"))
                .body("detail", containsString(RECEIPT));
        receipt.postJson(INBOUND).statusCode(400).body("detail", containsString("delivery receipt"));
        inbound.postForm(RECEIPT).statusCode(400)
                .body("detail", containsString("are an inbound message's (text, type, keyword), not a delivery"))
                .body("detail", containsString(INBOUND));
        stripped.get(INBOUND).statusCode(400)
                .body("detail", containsString("type is missing"))
                .body("detail", containsString("text is missing"));

        assertThat(rejected("malformed")).isEqualTo(before + 4);
        String control = VonageCallback.newMessageId();
        VonageCallback.inbound(control, "14255550123", "12065550188", "control").sign(method, secret)
                .get(INBOUND).statusCode(204);
        String controlReceipt = VonageCallback.newMessageId();
        VonageCallback.receipt(controlReceipt, "14255550123", "12065550188", "accepted", "0").sign(method, secret)
                .get(RECEIPT).statusCode(204);
        DeliveryReportsOnKafka.OnBothTopics published = DeliveryReportsOnKafka.onBothTopics(control,
                controlReceipt, receipt.messageId(), inbound.messageId(), stripped.messageId());
        assertThat(published.messages()).containsExactly(control);
        assertThat(published.reports()).containsExactly(controlReceipt);
    }

    @Test
    void acceptsAUnicodeAndABinaryInboundMessage() {
        String unicode = VonageCallback.newMessageId();
        String binary = VonageCallback.newMessageId();

        VonageCallback.inbound(unicode, "14255550123", "12065550188", "Grüße " + unicode).set("type", "unicode")
                .sign(method, secret).get(INBOUND).statusCode(204);
        VonageCallback.inbound(binary, "14255550123", "12065550188", "x").set("type", "binary").without("text")
                .set("data", "0102").set("udh", "050003CC0201").sign(method, secret).postJson(INBOUND).statusCode(204);

        assertThat(kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> unicode.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(InboundMessageReceived.class).body()).isEqualTo("Grüße " + unicode);
        assertThat(kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> binary.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(InboundMessageReceived.class).body()).isEmpty();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"vonage\",reason=\"" + reason + "\"");
    }
}
