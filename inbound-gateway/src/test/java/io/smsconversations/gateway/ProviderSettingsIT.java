package io.smsconversations.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.provider.twilio.TwilioSignature;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;

/**
 * The packaged gateway as production runs it (launch mode NORMAL, no development defaults): a provider that is not
 * enabled answers 404 and publishes nothing, and an enabled provider without a real secret stops the start. The
 * in-process tests cannot show either: their profile enables every provider with the local secrets. Runs in failsafe,
 * after {@code package}.
 */
class ProviderSettingsIT {

    /** The jar `package` built (the pom passes its path). */
    private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Duration READY = Duration.ofSeconds(120);
    private static final String TWILIO_TOKEN = "it-" + UUID.randomUUID();

    private static ServiceProcess twilioOnly;
    private static ServiceProcess refused;
    private static KafkaTestClient kafka;

    /** Both gateways start at once: the one that must refuse to start costs no time of its own. */
    @BeforeAll
    static void startTwoGateways() {
        SuiteInfrastructure suite = SuiteInfrastructure.get();
        Map<String, String> infrastructure = new HashMap<>(suite.postgres().database("gateway_it", true)
                .quarkusConfig());
        infrastructure.put("kafka.bootstrap.servers", suite.kafkaBootstrapServers());
        kafka = new KafkaTestClient(suite.kafkaBootstrapServers());

        int port = FreePorts.next();
        Map<String, String> twilio = new HashMap<>(infrastructure);
        twilio.put("gateway.public-base-url", "http://localhost:" + port);
        twilio.put("gateway.twilio.enabled", "true");
        twilio.put("gateway.twilio.auth-token", TWILIO_TOKEN);
        twilioOnly = ServiceProcess.start(JAR, "gateway-twilio-only", port, twilio);

        Map<String, String> unset = new HashMap<>(infrastructure);
        unset.put("gateway.vonage.enabled", "true");
        unset.put("gateway.vonage.signature-secret", "CHANGE-ME-vonage-signature-secret");
        unset.put("gateway.acs.enabled", "true");
        unset.put("gateway.acs.webhook-secret", "local-acs-webhook-secret");
        unset.put("gateway.infobip.enabled", "true");
        unset.put("gateway.telesign.enabled", "true");
        unset.put("gateway.telesign.api-key", "local-telesign-api-key");
        unset.put("gateway.linkmobility.enabled", "true");
        refused = ServiceProcess.start(JAR, "gateway-refused", FreePorts.next(), unset);

        twilioOnly.awaitReady(READY);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] { twilioOnly, refused }) {
            if (process != null) {
                process.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theWebhooksOfProvidersThatAreNotEnabledAnswer404AndPublishNothing() {
        String vonage = UUID.randomUUID().toString();
        String acs = "Incoming_" + UUID.randomUUID();
        String infobip = UUID.randomUUID().toString();
        String telesign = UUID.randomUUID().toString().replace("-", "");
        String link = UUID.randomUUID().toString();
        String base = twilioOnly.baseUrl();

        notServed(given().urlEncodingEnabled(false).get(base + "/webhooks/vonage/inbound?msisdn=14255550123"
                + "&to=12065550188&messageId=" + vonage + "&text=START&type=text&timestamp=1&sig=x").then(), "vonage");
        notServed(given().contentType("application/x-www-form-urlencoded").body("messageId=" + vonage
                + "&status=delivered").post(base + "/webhooks/vonage/delivery-receipt").then(), "vonage");
        notServed(given().contentType("application/json").queryParam("code", "local-acs-webhook-secret")
                .header("aeg-subscription-name", "sms-gateway")
                .body("[{\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"MessageId\":\"" + acs
                        + "\",\"From\":\"14255550123\",\"To\":\"12065550188\",\"Message\":\"x\"}}]")
                .post(base + "/webhooks/acs/events").then(), "acs");
        notServed(given().queryParam("code", "local-acs-webhook-secret")
                .header("WebHook-Request-Origin", "eventgrid.azure.net").options(base + "/webhooks/acs/events").then(),
                "acs");
        notServed(given().contentType("application/json").header("x-sms-webhook-secret", "local-infobip-webhook-secret")
                .body("{\"results\":[{\"messageId\":\"" + infobip + "\",\"from\":\"14255550123\",\"to\":\"12065550188\"}]}")
                .post(base + "/webhooks/infobip/inbound").then(), "infobip");
        notServed(given().contentType("application/json").header("x-sms-webhook-secret", "local-infobip-webhook-secret")
                .body("{\"results\":[{\"messageId\":\"" + infobip + "\",\"status\":{\"groupName\":\"DELIVERED\"}}]}")
                .post(base + "/webhooks/infobip/delivery-reports").then(), "infobip");
        notServed(given().contentType("application/json").header("Authorization", "TSA x:y")
                .body("{\"reference_id\":\"" + telesign + "\",\"status\":{\"code\":200}}")
                .post(base + "/webhooks/telesign/callbacks").then(), "telesign");
        notServed(given().contentType("application/json").auth().preemptive().basic("linkmobility", "x")
                .body("{\"id\":\"" + link + "\",\"resultCode\":1001}")
                .post(base + "/webhooks/linkmobility/delivery-reports").then(), "linkmobility");
        notServed(given().contentType("application/json").auth().preemptive().basic("linkmobility", "x")
                .body("{\"messageId\":\"" + link + "\",\"source\":\"+4798765432\",\"destination\":\"+4741234567\","
                        + "\"content\":{\"userData\":\"x\"}}")
                .post(base + "/webhooks/linkmobility/inbound").then(), "linkmobility");

        String control = "SM" + UUID.randomUUID().toString().replace("-", "");
        postTwilio("/webhooks/twilio/messages", List.of(Map.entry("MessageSid", control),
                Map.entry("From", "+14255550123"), Map.entry("To", "+12065550188"), Map.entry("Body", "control")))
                .statusCode(200);
        postTwilio("/webhooks/twilio/status", List.of(Map.entry("MessageSid", control),
                Map.entry("MessageStatus", "delivered"), Map.entry("To", "+14255550123"))).statusCode(204);
        DeliveryReportsOnKafka.OnBothTopics published = DeliveryReportsOnKafka.onBothTopics(vonage, acs, infobip,
                telesign, link, control);
        assertThat(published.messages()).containsExactly(control);
        assertThat(published.reports()).containsExactly(control);
        String metrics = given().get(base + "/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gateway_webhook_rejected_total{provider=\"vonage\",reason=\"provider-disabled\"} 2.0",
                "gateway_webhook_rejected_total{provider=\"acs\",reason=\"provider-disabled\"} 2.0",
                "gateway_webhook_rejected_total{provider=\"infobip\",reason=\"provider-disabled\"} 2.0",
                "gateway_webhook_rejected_total{provider=\"telesign\",reason=\"provider-disabled\"} 1.0",
                "gateway_webhook_rejected_total{provider=\"linkmobility\",reason=\"provider-disabled\"} 2.0");
        assertThat(twilioOnly.log()).contains("Serving the webhooks of [twilio]; not of [acs, infobip, linkmobility, telesign, "
                + "vonage]");
        // The internal media endpoint is off unless gateway.media.enabled (and then needs a real signing secret).
        given().get(base + "/internal/media/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", org.hamcrest.Matchers.equalTo("https://sms-conversations.io/problems/media-not-found"));
    }

    @Test
    void anEnabledProviderWithoutARealSecretStopsTheStart() {
        assertThatThrownBy(() -> refused.awaitReady(READY)).hasMessageContaining("exited with 1");
        assertThat(refused.log()).contains("Refusing to start",
                "gateway.acs.webhook-secret (ACS_WEBHOOK_SECRET) is a local-* development default",
                "gateway.infobip.webhook-secret (INFOBIP_WEBHOOK_SECRET) is not set",
                "gateway.vonage.signature-secret (VONAGE_SIGNATURE_SECRET) is still a CHANGE-ME placeholder",
                "gateway.telesign.api-key (TELESIGN_API_KEY) is a local-* development default",
                "gateway.linkmobility.webhook-password (LINKMOBILITY_WEBHOOK_PASSWORD) is not set")
                .doesNotContain("CHANGE-ME-vonage-signature-secret", "local-acs-webhook-secret",
                        "local-telesign-api-key");
    }

    private static void notServed(ValidatableResponse response, String provider) {
        response.statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("does not serve " + provider + " webhooks"));
    }

    private static ValidatableResponse postTwilio(String path, List<Map.Entry<String, String>> parameters) {
        String url = twilioOnly.baseUrl() + path;
        String signature = TwilioSignature.compute(TWILIO_TOKEN, url, FormParameters.of(parameters));
        var request = given().header(TwilioSignature.HEADER, signature).contentType("application/x-www-form-urlencoded");
        parameters.forEach(p -> request.formParam(p.getKey(), p.getValue()));
        return request.post(url).then();
    }
}
