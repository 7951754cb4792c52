package io.smsconversations.gateway.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.LogCapture;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.provider.twilio.TwilioMessageWebhook;
import io.smsconversations.gateway.provider.twilio.TwilioSignature;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/**
 * Issue 10 items 4 and 6: the ledger's database fails over while a send is at the provider. Providers' webhooks, which
 * need Kafka only, keep getting 200 and readiness stays UP while the {@code sending} group is DOWN; the provider's
 * answer, which arrived during the outage, is recorded and published once the database is back, and the provider is
 * called once.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LedgerOutageTest {

    private static final String TWILIO = "/twilio/2010-04-01/Accounts/.*/Messages.json";

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
    void webhooksStayUpWhileTheLedgerIsGoneAndTheAnswerIsRecordedOnceItIsBack() {
        SendRequested request = Sends.request("twilio");
        String sid = "SM" + request.requestId().replace("-", "");
        // Slow enough that the database is gone before Twilio answers.
        GatewayTestResource.providers().stubFor(post(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\"}").withFixedDelay(1500)));
        given().when().get("/q/health/group/sending").then().statusCode(200).body("status", equalTo("UP"));
        double recordFailures = recordOutcomeFailures();

        try (LogCapture logs = LogCapture.start()) {
            Sends.publish(kafka, request);
            await().atMost(Sends.AWAIT).until(() -> providerCalls(request) == 1);
            GatewayTestResource.ledgerDatabase().cut();
            try {
                await().atMost(Sends.AWAIT).until(() -> recordOutcomeFailures() > recordFailures);

                given().when().get("/q/health/group/sending").then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks[0].data.ledger-database", startsWith("DOWN"));
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body(not(containsString("PostgreSQL")))
                        .body(not(containsString(SendRequestConsumer.CHANNEL)));
                String messageSid = inboundWebhookAnswers200();
                CloudEventRecord inbound = kafka.awaitOne(Topics.INBOUND_MESSAGES,
                        r -> messageSid.equals(r.subject()), Sends.AWAIT);
                assertThat(inbound.id()).isEqualTo(EventIds.inboundMessage("twilio", messageSid));
            } finally {
                GatewayTestResource.ledgerDatabase().restore();
            }

            List<CloudEventRecord> results = Sends.results(kafka, request, 1);
            assertThat(results).hasSize(1);
            assertThat(results.get(0).dataAs(SendAccepted.class).providerMessageId()).isEqualTo(sid);
            assertThat(providerCalls(request)).isEqualTo(1);
            await().atMost(Sends.AWAIT).untilAsserted(() -> given().when().get("/q/health/group/sending").then()
                    .statusCode(200).body("status", equalTo("UP")));
            // The driver's own words never reach the log: failures are written by class (and SQLSTATE).
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("io.smsconversations"))
                    .noneMatch(line -> line.contains("Connection refused") || line.contains("127.0.0.1:"));
        }
    }

    /** A signed Twilio SMS webhook; answers its MessageSid after asserting the 200. */
    private String inboundWebhookAnswers200() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        List<Map.Entry<String, String>> form = List.of(Map.entry("Body", "during the ledger outage"),
                Map.entry("From", Sends.number("+1425555")), Map.entry("MessageSid", messageSid),
                Map.entry("To", Sends.number("+1206555")));
        String signature = TwilioSignature.compute(authToken, publicBaseUrl + TwilioMessageWebhook.PATH,
                FormParameters.of(form));
        var body = given().header(TwilioSignature.HEADER, signature).contentType("application/x-www-form-urlencoded");
        for (Map.Entry<String, String> field : form) {
            body = body.formParam(field.getKey(), field.getValue());
        }
        body.when().post(TwilioMessageWebhook.PATH).then().statusCode(200);
        return messageSid;
    }

    private static double recordOutcomeFailures() {
        return Metrics.counter("gateway_send_step_failures_total", "step=\"" + SendSteps.RECORD_OUTCOME + "\"");
    }

    private static int providerCalls(SendRequested request) {
        return GatewayTestResource.providers().findAll(postRequestedFor(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body()))).size();
    }
}
