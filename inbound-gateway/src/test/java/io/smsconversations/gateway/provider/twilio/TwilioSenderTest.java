package io.smsconversations.gateway.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.gateway.send.Sends;
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
        answer(request, json(201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}"));
        double before = Metrics.counter("gateway_send_requests_total", "outcome=\"accepted\",provider=\"twilio\"");

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, sid);
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
        answer(request, json(400,
                "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}"));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.RecipientOptedOut, "21610",
                "Attempt to send to unsubscribed recipient");
        assertCalls(1, request);
    }

    @Test
    void transientFailuresAreRetriedUntilTwilioAccepts() {
        SendRequested request = Sends.request("twilio");
        String scenario = "twilio-" + request.requestId();
        String sid = "SM" + request.requestId().replace("-", "");
        twilio().stubFor(call(request)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")
                        .withHeader("Retry-After", "0"))
                .willSetStateTo("second"));
        twilio().stubFor(call(request)
                .inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503).withBody("upstream trouble"))
                .willSetStateTo("third"));
        twilio().stubFor(call(request)
                .inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(json(201, "{\"sid\":\"" + sid + "\"}")));
        double retries = Metrics.counter("gateway_send_retries_total", "provider=\"twilio\"");

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, sid);
        assertCalls(3, request);
        assertThat(Metrics.counter("gateway_send_retries_total", "provider=\"twilio\"")).isEqualTo(retries + 2);
    }

    @Test
    void whenRetriesRunOutTheSendFailsWithProviderError() {
        SendRequested request = Sends.request("twilio");
        answer(request, json(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.ProviderError, "20500",
                "gave up after 4 attempt(s), the last: Internal Server Error");
        assertCalls(4, request);
    }

    @Test
    void aRedeliveredRequestIsNotSentAgainAndItsResultIsRepublishedIdentically() {
        SendRequested request = Sends.request("twilio");
        String sid = "SM" + request.requestId().replace("-", "");
        answer(request, json(201, "{\"sid\":\"" + sid + "\"}"));

        Sends.Outcome outcome = Sends.sendTwice(kafka, request);

        outcome.assertAccepted(request, sid);
        assertThat(outcome.results().get(1)).isEqualTo(outcome.results().get(0));
        assertCalls(1, request);
    }

    @Test
    void aRedeliveredPermanentFailureIsNotSentAgainEither() {
        SendRequested request = Sends.request("twilio");
        answer(request, json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"));

        Sends.Outcome outcome = Sends.sendTwice(kafka, request);

        outcome.assertFailed(request, FailureReason.AccountProblem, "20003", "Authenticate");
        assertThat(outcome.results().get(1)).isEqualTo(outcome.results().get(0));
        assertCalls(1, request);
    }

    /** Twilio's Messages API called with this request's body (unique to it). */
    private static MappingBuilder call(SendRequested request) {
        return post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()));
    }

    /** Twilio answers every call for this request so. */
    private static void answer(SendRequested request, ResponseDefinitionBuilder response) {
        twilio().stubFor(call(request).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void assertCalls(int count, SendRequested request) {
        twilio().verify(count, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
