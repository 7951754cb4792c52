package io.smsconversations.gateway.provider.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.gateway.DeliveryReportsOnKafka;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.webhook.FormParameters;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioStatusWebhookTest {

    private static final String PATH = TwilioStatusWebhook.PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.twilio.auth-token")
    String authToken;

    @ConfigProperty(name = "gateway.public-base-url")
    String publicBaseUrl;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesEachStatusOfAMessageOnceKafkaHasIt() {
        String sid = TwilioWebhook.newSid("SM");
        String business = TwilioWebhook.randomNumber("+1206555");
        String customer = TwilioWebhook.randomNumber("+1425555");
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"twilio\"");

        Instant before = Instant.now();
        for (String status : List.of("sent", "delivered")) {
            TwilioWebhook callback = TwilioWebhook.status(sid, business, customer, status, null);
            callback.post(PATH, callback.signature(authToken, publicBaseUrl + PATH)).statusCode(204);
        }
        Instant after = Instant.now();

        List<CloudEventRecord> records = DeliveryReportsOnKafka.about(kafka, sid);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(CloudEventRecord::id).containsExactly(
                EventIds.deliveryReport("twilio", sid, DeliveryStatus.SENT),
                EventIds.deliveryReport("twilio", sid, DeliveryStatus.DELIVERED));
        CloudEventRecord delivered = records.get(1);
        assertThat(delivered.type()).isEqualTo(EventTypes.DELIVERY_REPORT_RECEIVED);
        assertThat(delivered.source()).isEqualTo(EventTypes.SOURCE_INBOUND_GATEWAY);
        assertThat(delivered.subject()).isEqualTo(sid);
        assertThat(delivered.key()).isEqualTo(sid);
        assertThat(delivered.data().get("reportedAt").isTextual()).isTrue();
        DeliveryReportReceived report = delivered.dataAs(DeliveryReportReceived.class);
        assertThat(report.reportedAt()).isBetween(before, after);
        assertThat(ZonedDateTime.parse(delivered.time()).toInstant())
                .isCloseTo(report.reportedAt(), within(1, ChronoUnit.MILLIS));
        assertThat(report).isEqualTo(new DeliveryReportReceived("twilio", sid, DeliveryStatus.DELIVERED, null, null,
                "delivered", business, customer, report.reportedAt()));
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"twilio\""))
                .isEqualTo(acceptedBefore + 2);
    }

    @Test
    void publishesAnOptOutFailureWithItsReasonAndRawCode() {
        String sid = TwilioWebhook.newSid("SM");
        String business = TwilioWebhook.randomNumber("+1206555");
        TwilioWebhook callback = TwilioWebhook.status(sid, business, "14255550123", "failed", "21610");
        String pathAndQuery = PATH + "?conversation=c-1";

        callback.post(pathAndQuery, callback.signature(authToken, publicBaseUrl + pathAndQuery)).statusCode(204);

        CloudEventRecord record = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> sid.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.deliveryReport("twilio", sid, DeliveryStatus.FAILED));
        DeliveryReportReceived report = record.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("twilio", sid, DeliveryStatus.FAILED,
                FailureReason.RecipientOptedOut, "21610", "failed", business, "+14255550123", report.reportedAt()));
    }

    @Test
    void refusesForgedMissingOtherUrlAndTamperedCallbacks() {
        TwilioWebhook forged = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "delivered", null);
        TwilioWebhook missing = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "delivered", null);
        TwilioWebhook otherUrl = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "delivered", null);
        TwilioWebhook tampered = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "failed", "30003");
        double invalidBefore = rejected("signature-invalid");
        double missingBefore = rejected("signature-missing");

        forged.post(PATH, forged.signature("not-the-auth-token", publicBaseUrl + PATH))
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", containsString("X-Twilio-Signature header does not match this request"));
        missing.post(PATH, null)
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("X-Twilio-Signature header is missing"));
        otherUrl.post(PATH, otherUrl.signature(authToken, publicBaseUrl + TwilioMessageWebhook.PATH))
                .statusCode(403);
        String signature = tampered.signature(authToken, publicBaseUrl + PATH);
        tampered.set("MessageStatus", "delivered").post(PATH, signature).statusCode(403);

        assertThat(rejected("signature-invalid")).isEqualTo(invalidBefore + 3);
        assertThat(rejected("signature-missing")).isEqualTo(missingBefore + 1);
        DeliveryReportsOnKafka.assertOnlyControl(control(), forged.messageSid(), missing.messageSid(),
                otherUrl.messageSid(), tampered.messageSid());
    }

    @Test
    void refusesAMalformedButAuthenticCallback() {
        TwilioWebhook unknownStatus = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100",
                "+14255550100", "exploded", null);
        TwilioWebhook badTo = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "customer",
                "delivered", null);
        TwilioWebhook noSid = TwilioWebhook.status("SMnone", "+12065550100", "+14255550100", "delivered", null)
                .without("MessageSid");
        double before = rejected("malformed");

        unknownStatus.post(PATH, unknownStatus.signature(authToken, publicBaseUrl + PATH))
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("MessageStatus is not one of"));
        badTo.post(PATH, badTo.signature(authToken, publicBaseUrl + PATH))
                .statusCode(400)
                .body("detail", containsString("To is not a phone number"))
                .body("detail", org.hamcrest.Matchers.not(containsString("customer")));
        noSid.post(PATH, noSid.signature(authToken, publicBaseUrl + PATH))
                .statusCode(400)
                .body("detail", containsString("MessageSid is missing"));

        assertThat(rejected("malformed")).isEqualTo(before + 3);
        DeliveryReportsOnKafka.assertOnlyControl(control(), unknownStatus.messageSid(), badTo.messageSid(),
                "SMnone");
    }

    @Test
    void aRetriedCallbackRepeatsItsEventId() {
        String sid = TwilioWebhook.newSid("SM");
        TwilioWebhook callback = TwilioWebhook.status(sid, "+12065550100", "+14255550100", "undelivered", "30007");
        String signature = callback.signature(authToken, publicBaseUrl + PATH);

        callback.post(PATH, signature).statusCode(204);
        callback.post(PATH, signature).statusCode(204);

        List<CloudEventRecord> records = kafka.await(DeliveryReportsOnKafka.TOPIC, r -> sid.equals(r.subject()), 2,
                DeliveryReportsOnKafka.AWAIT);
        assertThat(records).extracting(CloudEventRecord::id)
                .containsOnly(EventIds.deliveryReport("twilio", sid, DeliveryStatus.UNDELIVERED));
        assertThat(records.get(0).dataAs(DeliveryReportReceived.class).reason()).isEqualTo(FailureReason.Blocked);
    }

    @Test
    void acceptsTheJsonBodyVariantSignedThroughBodySha256() {
        String sid = TwilioWebhook.newSid("SM");
        String body = "{\"MessageSid\":\"" + sid + "\",\"MessageStatus\":\"undelivered\",\"ErrorCode\":\"30003\","
                + "\"From\":\"+12065550100\",\"To\":\"+14255550100\"}";
        String pathAndQuery = PATH + "?bodySHA256=" + TwilioSignature.sha256Hex(body);
        String signature = urlSignature(publicBaseUrl + pathAndQuery);

        postJson(pathAndQuery, signature, body).statusCode(204);
        String tampered = body.replace("undelivered", "delivered\",\"x\":\"");
        postJson(pathAndQuery, signature, tampered).statusCode(403).body("detail", containsString("bodySHA256"));

        List<CloudEventRecord> records = DeliveryReportsOnKafka.about(kafka, sid);
        assertThat(records).hasSize(1);
        DeliveryReportReceived report = records.get(0).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("twilio", sid, DeliveryStatus.UNDELIVERED,
                FailureReason.Unreachable, "30003", "undelivered", "+12065550100", "+14255550100",
                report.reportedAt()));
    }

    @Test
    void acceptsTheJsonBodyVariantSignedOverThePublicUrlWithItsDefaultPort() {
        String sid = TwilioWebhook.newSid("SM");
        String body = "{\"MessageSid\":\"" + sid + "\",\"MessageStatus\":\"delivered\","
                + "\"From\":\"+12065550100\",\"To\":\"+14255550100\"}";
        String pathAndQuery = PATH + "?bodySHA256=" + TwilioSignature.sha256Hex(body);

        postJson(pathAndQuery, urlSignature(publicBaseUrl + ":8443" + pathAndQuery), body).statusCode(403);
        postJson(pathAndQuery, urlSignature(publicBaseUrl + ":443" + pathAndQuery), body).statusCode(204);

        List<CloudEventRecord> records = DeliveryReportsOnKafka.about(kafka, sid);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).dataAs(DeliveryReportReceived.class).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    /** The JSON-body variant's signature: the URL alone (it carries bodySHA256), no parameters. */
    private String urlSignature(String url) {
        return TwilioSignature.compute(authToken, url, FormParameters.of(List.of()));
    }

    private static ValidatableResponse postJson(String pathAndQuery, String signature, String body) {
        return given().urlEncodingEnabled(false).contentType("application/json")
                .header(TwilioSignature.HEADER, signature).body(body).when().post(pathAndQuery).then();
    }

    /** A valid callback after the refused ones; returns its MessageSid. */
    private String control() {
        TwilioWebhook control = TwilioWebhook.status(TwilioWebhook.newSid("SM"), "+12065550100", "+14255550100",
                "sent", null);
        control.post(PATH, control.signature(authToken, publicBaseUrl + PATH)).statusCode(204);
        return control.messageSid();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"twilio\",reason=\"" + reason + "\"");
    }
}
