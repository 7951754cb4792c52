package io.smsconversations.gateway.webhook.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

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
import io.smsconversations.gateway.Metrics;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/**
 * Twilio's Messages API against a fake (WireMock): the request as Twilio documents it, each outcome on
 * {@code sms.send-results} with every field, retries of transient failures, and idempotency by request id.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioSenderTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/twilio/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

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

    private static WireMockServer twilio() {
        return GatewayTestResource.providers();
    }

    @Test
    void sendsTheMessageAsTwilioDocumentsItAndPublishesAccepted() {
        SendRequested request = Sends.request("twilio");
        String sid = "SM" + request.requestId().replace("-", "");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")));
        double before = Metrics.counter("gateway_send_requests_total", "outcome=\"accepted\",provider=\"twilio\"");

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 1);
        Instant end = Instant.now();

        assertThat(results).hasSize(1);
        Sends.assertAccepted(results.get(0), request, sid, start, end);
        String auth = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        twilio().verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo(auth))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("To=" + form(request.to())))
                .withRequestBody(containing("From=" + form(request.from())))
                .withRequestBody(containing("Body=" + request.body()))
                .withRequestBody(containing("StatusCallback=" + form(publicBaseUrl + TwilioStatusWebhook.PATH))));
        assertThat(Metrics.counter("gateway_send_requests_total", "outcome=\"accepted\",provider=\"twilio\""))
                .isEqualTo(before + 1);
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithTheMappedReason() {
        SendRequested request = Sends.request("twilio");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\","
                                + "\"status\":400}")));

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 1);
        Instant end = Instant.now();

        assertThat(results).hasSize(1);
        Sends.assertFailed(results.get(0), request, Sends.failure(request, FailureReason.RecipientOptedOut, "21610",
                "Attempt to send to unsubscribed recipient"), start, end);
        twilio().verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
    }

    @Test
    void transientFailuresAreRetriedUntilTwilioAccepts() {
        SendRequested request = Sends.request("twilio");
        String scenario = "twilio-" + request.requestId();
        String sid = "SM" + request.requestId().replace("-", "");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
                .willSetStateTo("second"));
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503).withBody("upstream trouble"))
                .willSetStateTo("third"));
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\"}")));
        double retries = Metrics.counter("gateway_send_retries_total", "provider=\"twilio\"");

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 1);
        Instant end = Instant.now();

        assertThat(results).hasSize(1);
        Sends.assertAccepted(results.get(0), request, sid, start, end);
        twilio().verify(3, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
        assertThat(Metrics.counter("gateway_send_retries_total", "provider=\"twilio\"")).isEqualTo(retries + 2);
    }

    @Test
    void whenRetriesRunOutTheSendFailsWithProviderError() {
        SendRequested request = Sends.request("twilio");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 1);
        Instant end = Instant.now();

        assertThat(results).hasSize(1);
        Sends.assertFailed(results.get(0), request, Sends.failure(request, FailureReason.ProviderError, "20500",
                "gave up after 4 attempt(s), the last: Internal Server Error"), start, end);
        twilio().verify(4, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
    }

    @Test
    void aRedeliveredRequestIsNotSentAgainAndItsResultIsRepublishedIdentically() {
        SendRequested request = Sends.request("twilio");
        String sid = "SM" + request.requestId().replace("-", "");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\"}")));

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        Sends.results(kafka, request, 1);
        Instant end = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 2);

        assertThat(results).hasSize(2);
        Sends.assertAccepted(results.get(0), request, sid, start, end);
        assertThat(results.get(1)).isEqualTo(results.get(0));
        twilio().verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
    }

    @Test
    void aRedeliveredPermanentFailureIsNotSentAgainEither() {
        SendRequested request = Sends.request("twilio");
        twilio().stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")));

        Instant start = Instant.now();
        Sends.publish(kafka, request);
        Sends.results(kafka, request, 1);
        Instant end = Instant.now();
        Sends.publish(kafka, request);
        List<CloudEventRecord> results = Sends.results(kafka, request, 2);

        assertThat(results).hasSize(2);
        Sends.assertFailed(results.get(0), request, Sends.failure(request, FailureReason.AccountProblem, "20003",
                "Authenticate"), start, end);
        assertThat(results.get(1)).isEqualTo(results.get(0));
        twilio().verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
