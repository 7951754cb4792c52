package io.smsconversations.gateway.provider.acs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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
class AcsEventGridWebhookTest {

    private static final String PATH = AcsEventGridWebhook.PATH;

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.acs.webhook-secret")
    String secret;

    @ConfigProperty(name = "gateway.acs.subscription-name")
    String subscription;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void answersTheSubscriptionValidationHandshake() {
        String body = """
                [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x","subject":"",
                  "data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                          "validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/x/validate"},
                  "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-11-25T00:00:00Z",
                  "metadataVersion":"1","dataVersion":"2"}]""";

        given().contentType("application/json").header("aeg-event-type", "SubscriptionValidation")
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription.toUpperCase())
                .queryParam("code", secret).body(body)
                .when().post(PATH).then()
                .statusCode(200)
                .body("validationResponse", equalTo("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"));
    }

    @Test
    void publishesEveryEventOfABatchWithKeysInAnyCase() {
        String received = "Outgoing_" + UUID.randomUUID();
        String reported = "Outgoing_" + UUID.randomUUID();
        String failed = "Outgoing_" + UUID.randomUUID();
        String body = "[" + smsReceived(received, "14255550123", "+12065550188", "Hello from ACS " + received) + ","
                + """
                {"id":"e2","topic":"/subscriptions/x","subject":"/phonenumber/12065550188",
                 "data":{"messageId":"%s","from":"+12065550188","to":"14255550123","deliveryStatus":"Delivered",
                         "deliveryStatusDetails":"No error.","receivedTimestamp":"2026-11-25T00:00:01Z",
                         "deliveryAttempts":[{"timestamp":"2026-11-25T00:00:00Z","segmentsSucceeded":1,"segmentsFailed":0}]},
                 "eventType":"Microsoft.Communication.SMSDeliveryReportReceived","eventTime":"2026-11-25T00:00:01Z",
                 "dataVersion":"1.0","metadataVersion":"1"},""".formatted(reported)
                + """
                {"id":"e3","topic":"/subscriptions/x","subject":"/phonenumber/12065550188",
                 "data":{"MessageId":"%s","From":"12065550188","To":"+14255550123","DeliveryStatus":"Failed",
                         "DeliveryStatusDetails":"Recipient has opted out of messages from this number."},
                 "eventType":"Microsoft.Communication.SMSDeliveryReportReceived","eventTime":"2026-11-25T00:00:01Z",
                 "dataVersion":"1.0","metadataVersion":"1"},""".formatted(failed)
                + """
                {"id":"e4","data":{"whatever":1},"eventType":"Microsoft.Communication.ChatMessageReceived"}]""";
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"acs\"");

        Instant before = Instant.now();
        post(body, secret, subscription).statusCode(200);
        Instant after = Instant.now();

        CloudEventRecord message = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> received.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(message.id()).isEqualTo(EventIds.inboundMessage("acs", received));
        assertThat(message.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
        assertThat(message.key()).isEqualTo(ConversationKey.of("+14255550123", "+12065550188"));
        InboundMessageReceived event = message.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(event).isEqualTo(new InboundMessageReceived("acs", received, "+14255550123", "+12065550188",
                "Hello from ACS " + received, event.receivedAt(), List.of(), 1));

        CloudEventRecord delivered = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> reported.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(delivered.id()).isEqualTo(EventIds.deliveryReport("acs", reported, DeliveryStatus.DELIVERED));
        assertThat(delivered.key()).isEqualTo(reported);
        DeliveryReportReceived report = delivered.dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("acs", reported, DeliveryStatus.DELIVERED, null, null,
                "Delivered: No error.", "+12065550188", "+14255550123", report.reportedAt()));

        report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> failed.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("acs", failed, DeliveryStatus.FAILED,
                FailureReason.RecipientOptedOut, null,
                "Failed: Recipient has opted out of messages from this number.", "+12065550188", "+14255550123",
                report.reportedAt()));
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"acs\"")).isEqualTo(acceptedBefore + 3);
    }

    @Test
    void acceptsTheSecretInAHeader() {
        String id = "Incoming_" + UUID.randomUUID();

        given().contentType("application/json").header(AcsEventGridWebhook.SECRET_HEADER, secret)
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription)
                .body("[" + smsReceived(id, "14255550123", "12065550188", "header") + "]")
                .when().post(PATH).then().statusCode(200);

        kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> id.equals(r.subject()), DeliveryReportsOnKafka.AWAIT);
    }

    @Test
    void refusesAWrongOrMissingSecretAndAnotherSubscription() {
        String wrong = "Incoming_" + UUID.randomUUID();
        String missing = "Incoming_" + UUID.randomUUID();
        String other = "Incoming_" + UUID.randomUUID();
        double invalid = rejected("secret-invalid");
        double absent = rejected("signature-missing");

        post("[" + smsReceived(wrong, "14255550123", "12065550188", "x") + "]", "not-the-secret", subscription)
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("webhook secret does not match"));
        post("[" + smsReceived(missing, "14255550123", "12065550188", "x") + "]", null, subscription)
                .statusCode(403).body("detail", containsString("webhook secret is missing"));
        post("[" + smsReceived(other, "14255550123", "12065550188", "x") + "]", secret, "someone-elses")
                .statusCode(403).body("detail", containsString("aeg-subscription-name"));
        // A validation handshake from someone else's subscription is not answered either.
        post("[{\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{\"validationCode\":\"c\"}}]",
                "not-the-secret", subscription).statusCode(403);

        assertThat(rejected("secret-invalid")).isEqualTo(invalid + 3);
        assertThat(rejected("signature-missing")).isEqualTo(absent + 1);
        String control = "Incoming_" + UUID.randomUUID();
        post("[" + smsReceived(control, "14255550123", "12065550188", "control") + "]", secret, subscription)
                .statusCode(200);
        DeliveryReportsOnKafka.assertOnlyControlOn(Topics.INBOUND_MESSAGES, control, wrong, missing, other);
    }

    @Test
    void aBatchWithUnmappableEventsPublishesTheOthersAndCountsAndLogsTheRestMasked() {
        String good = "Incoming_" + UUID.randomUUID();
        String goodReport = "Outgoing_" + UUID.randomUUID();
        String shortCode = "Incoming_" + UUID.randomUUID();
        String alphanumeric = "Incoming_" + UUID.randomUUID();
        String unknownStatus = "Outgoing_" + UUID.randomUUID();
        String noTo = "Incoming_" + UUID.randomUUID();
        // A customer number that is valid E.164: it appears beside each bad sender and must show only masked.
        String customer = "+14255550177";
        String body = "[" + smsReceived(good, "14255550123", "12065550188", "good") + ","
                + smsReceived(shortCode, "12345", customer, "from a short code") + ","
                + smsReceived(alphanumeric, "CONTOSO", customer, "from a name") + ","
                + deliveryReport(unknownStatus, "12065550188", customer, "Exploded") + ","
                + "{\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"MessageId\":\"" + noTo
                + "\",\"From\":\"" + customer + "\"}},"
                + "{\"data\":{\"MessageId\":\"typeless\"}},"
                + "42,"
                + deliveryReport(goodReport, "12065550188", "14255550123", "Delivered") + "]";
        double skippedBefore = Metrics.counter("gateway_webhook_skipped_total", "provider=\"acs\"");
        double malformedBefore = rejected("malformed");

        try (CapturedLogs logs = CapturedLogs.start()) {
            post(body, secret, subscription).statusCode(200);

            assertThat(logs.containing("skipped event")).hasSize(6);
            assertThat(logs.containing("skipped event 1 of 8")).singleElement().asString()
                    .contains(shortCode, "data.From is not a phone number", "To " + E164.masked(customer));
            assertThat(logs.containing("skipped event 3 of 8")).singleElement().asString()
                    .contains("DeliveryStatus is not one of");
            assertThat(logs.lines()).noneMatch(line -> line.contains(customer.substring(1)))
                    .noneMatch(line -> line.contains("from a short code"));
        }
        assertThat(Metrics.counter("gateway_webhook_skipped_total", "provider=\"acs\"")).isEqualTo(skippedBefore + 6);
        assertThat(rejected("malformed")).isEqualTo(malformedBefore);
        DeliveryReportsOnKafka.OnBothTopics published = DeliveryReportsOnKafka.onBothTopics(good, shortCode,
                alphanumeric, noTo, "typeless", goodReport, unknownStatus);
        assertThat(published.messages()).containsExactly(good);
        assertThat(published.reports()).containsExactly(goodReport);
    }

    @Test
    void onlyABodyThatIsNoBatchAtAllIsRefused() {
        double before = rejected("malformed");

        post("{not json", secret, subscription).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("The body is not valid JSON."));
        post("[]", secret, subscription).statusCode(400)
                .body("detail", equalTo("The body is neither an event nor a non-empty JSON array of events."));
        post("\"SMSReceived\"", secret, subscription).statusCode(400);

        assertThat(rejected("malformed")).isEqualTo(before + 3);
    }

    @Test
    void answersTheCloudEventsValidationHandshake() {
        given().header(AcsEventGridWebhook.REQUEST_ORIGIN, "eventgrid.azure.net").header("WebHook-Request-Rate", "120")
                .queryParam("code", secret)
                .when().options(PATH).then()
                .statusCode(200)
                .header(AcsEventGridWebhook.ALLOWED_ORIGIN, "eventgrid.azure.net")
                .header(AcsEventGridWebhook.ALLOWED_RATE, "*");
        // The secret may come as the delivery-property header instead; a subscription name, when sent, is checked.
        given().header(AcsEventGridWebhook.REQUEST_ORIGIN, "eventgrid.azure.net")
                .header(AcsEventGridWebhook.SECRET_HEADER, secret)
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription.toUpperCase())
                .when().options(PATH).then()
                .statusCode(200)
                .header(AcsEventGridWebhook.ALLOWED_ORIGIN, "eventgrid.azure.net");
    }

    @Test
    void refusesTheCloudEventsHandshakeOfStrangers() {
        double invalid = rejected("secret-invalid");
        double absent = rejected("signature-missing");

        given().header(AcsEventGridWebhook.REQUEST_ORIGIN, "eventgrid.azure.net").queryParam("code", "not-the-secret")
                .when().options(PATH).then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("webhook secret does not match"))
                .header(AcsEventGridWebhook.ALLOWED_ORIGIN, nullValue());
        given().header(AcsEventGridWebhook.REQUEST_ORIGIN, "eventgrid.azure.net")
                .when().options(PATH).then()
                .statusCode(403).header(AcsEventGridWebhook.ALLOWED_ORIGIN, nullValue());
        given().header(AcsEventGridWebhook.REQUEST_ORIGIN, "eventgrid.azure.net").queryParam("code", secret)
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, "someone-elses")
                .when().options(PATH).then()
                .statusCode(403).header(AcsEventGridWebhook.ALLOWED_ORIGIN, nullValue());
        given().queryParam("code", secret)
                .when().options(PATH).then()
                .statusCode(400)
                .body("detail", containsString("WebHook-Request-Origin"))
                .header(AcsEventGridWebhook.ALLOWED_ORIGIN, nullValue());

        assertThat(rejected("secret-invalid")).isEqualTo(invalid + 2);
        assertThat(rejected("signature-missing")).isEqualTo(absent + 1);
    }

    @Test
    void publishesCloudEventsSchemaDeliveriesSingleAndBatched() {
        String single = "Incoming_" + UUID.randomUUID();
        String batched = "Incoming_" + UUID.randomUUID();
        String reported = "Outgoing_" + UUID.randomUUID();

        given().contentType(AcsEventGridWebhook.CLOUD_EVENT + "; charset=utf-8")
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription).queryParam("code", secret)
                .body(cloudEvent(single, "Microsoft.Communication.SMSReceived",
                        "{\"MessageId\":\"" + single + "\",\"From\":\"14255550123\",\"To\":\"12065550188\","
                                + "\"Message\":\"single " + single + "\"}"))
                .when().post(PATH).then().statusCode(200);
        given().contentType(AcsEventGridWebhook.CLOUD_EVENTS_BATCH + "; charset=utf-8")
                .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription).queryParam("code", secret)
                .body("[" + cloudEvent(batched, "Microsoft.Communication.SMSReceived",
                        "{\"MessageId\":\"" + batched + "\",\"From\":\"+14255550123\",\"To\":\"+12065550188\","
                                + "\"Message\":\"batched\"}") + ","
                        + cloudEvent(reported, "Microsoft.Communication.SMSDeliveryReportReceived",
                                "{\"MessageId\":\"" + reported + "\",\"From\":\"12065550188\",\"To\":\"14255550123\","
                                        + "\"DeliveryStatus\":\"Delivered\",\"DeliveryStatusDetails\":\"No error.\"}")
                        + "]")
                .when().post(PATH).then().statusCode(200);

        CloudEventRecord record = kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> single.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("acs", single));
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event).isEqualTo(new InboundMessageReceived("acs", single, "+14255550123", "+12065550188",
                "single " + single, event.receivedAt(), List.of(), 1));
        assertThat(kafka.awaitOne(Topics.INBOUND_MESSAGES, r -> batched.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(InboundMessageReceived.class).body()).isEqualTo("batched");
        DeliveryReportReceived report = kafka.awaitOne(DeliveryReportsOnKafka.TOPIC, r -> reported.equals(r.subject()),
                DeliveryReportsOnKafka.AWAIT).dataAs(DeliveryReportReceived.class);
        assertThat(report).isEqualTo(new DeliveryReportReceived("acs", reported, DeliveryStatus.DELIVERED, null, null,
                "Delivered: No error.", "+12065550188", "+14255550123", report.reportedAt()));
    }

    private static String cloudEvent(String id, String type, String data) {
        return """
                {"id":"%s","source":"/subscriptions/x/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs",
                 "specversion":"1.0","type":"%s","subject":"/phonenumber/12065550188","time":"2026-11-25T00:00:00Z",
                 "datacontenttype":"application/json","data":%s}""".formatted(UUID.randomUUID(), type, data);
    }

    private static String deliveryReport(String messageId, String from, String to, String status) {
        return """
                {"id":"%s","topic":"/subscriptions/x","subject":"/phonenumber/%s",
                 "data":{"MessageId":"%s","From":"%s","To":"%s","DeliveryStatus":"%s","DeliveryStatusDetails":"No error."},
                 "eventType":"Microsoft.Communication.SMSDeliveryReportReceived","eventTime":"2026-11-25T00:00:01Z",
                 "dataVersion":"1.0","metadataVersion":"1"}""".formatted(UUID.randomUUID(), from, messageId, from, to,
                status);
    }

    private static String smsReceived(String messageId, String from, String to, String message) {
        return """
                {"id":"%s","topic":"/subscriptions/x/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs",
                 "subject":"/phonenumber/%s",
                 "data":{"MessageId":"%s","From":"%s","To":"%s","Message":"%s","ReceivedTimestamp":"2026-11-25T00:00:00Z"},
                 "eventType":"Microsoft.Communication.SMSReceived","dataVersion":"1.0","metadataVersion":"1",
                 "eventTime":"2026-11-25T00:00:00Z"}""".formatted(UUID.randomUUID(), to, messageId, from, to, message);
    }

    private static ValidatableResponse post(String body, String code, String subscriptionName) {
        var request = given().contentType("application/json").body(body);
        if (code != null) {
            request.queryParam("code", code);
        }
        if (subscriptionName != null) {
            request.header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscriptionName);
        }
        return request.when().post(PATH).then();
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"acs\",reason=\"" + reason + "\"");
    }
}
