package io.smsconversations.gateway.provider.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.KafkaTestClient;

/** Vonage's SMS API against a fake: statuses in a 200 body, throttling retried, refusals mapped. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class VonageSenderTest {

    private static final String SEND = "/vonage/sms/json";

    private static KafkaTestClient kafka;

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

    private static WireMockServer vonage() {
        return GatewayTestResource.providers();
    }

    @Test
    void throttledThenAcceptedPublishesAcceptedWithVonagesMessageId() {
        SendRequested request = Sends.request("vonage");
        String scenario = "vonage-" + request.requestId();
        vonage().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"message-count\":\"1\",\"messages\":[{\"status\":\"1\","
                                + "\"error-text\":\"Throughput Rate Exceeded\"}]}"))
                .willSetStateTo("accepting"));
        vonage().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("accepting")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + request.to().substring(1)
                                + "\",\"message-id\":\"0A0000000123ABCD1\",\"status\":\"0\"}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, "0A0000000123ABCD1");
        vonage().verify(2, postRequestedFor(urlPathEqualTo(SEND))
                .withRequestBody(containing("api_key=test-vonage-key"))
                .withRequestBody(containing("api_secret=test-vonage-secret"))
                .withRequestBody(containing("from=" + request.from().substring(1)))
                .withRequestBody(containing("to=" + request.to().substring(1)))
                .withRequestBody(containing("text=" + request.body()))
                .withRequestBody(containing("client-ref=" + request.requestId()))
                .withRequestBody(containing("callback=" + URLEncoder.encode(publicBaseUrl
                        + VonageWebhook.DELIVERY_RECEIPT_PATH, StandardCharsets.UTF_8))));
    }

    @Test
    void aBarredNumberFailsAtOnceAsBlocked() {
        SendRequested request = Sends.request("vonage");
        vonage().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"message-count\":\"1\",\"messages\":[{\"status\":\"7\","
                                + "\"error-text\":\"Number barred.\"}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.Blocked, "7", "Number barred.");
        vonage().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }
}
