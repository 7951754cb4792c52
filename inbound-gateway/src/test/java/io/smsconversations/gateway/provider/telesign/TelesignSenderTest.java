package io.smsconversations.gateway.provider.telesign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.KafkaTestClient;

/**
 * Telesign's SMS API against a fake, through the real consumer, ledger and lanes: the form it is sent, accepted,
 * blocked at once, bad credentials, throttling retried, and a lost answer never sent twice (Telesign has no lookup).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TelesignSenderTest {

    private static final String SEND = "/telesign" + TelesignSender.PATH;

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static WireMockServer telesign() {
        return GatewayTestResource.providers();
    }

    @Test
    void sendsTheDocumentedFormAndPublishesAcceptedWithTheReferenceId() {
        SendRequested request = Sends.request("telesign");
        String referenceId = "B56A497ED59C0F0C9A1A6C2E8F4B5C3D" + request.requestId().substring(0, 4);
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(200, "{\"reference_id\":\"" + referenceId + "\",\"external_id\":\""
                        + request.requestId() + "\",\"status\":{\"code\":290,\"description\":\"Message in progress\","
                        + "\"updated_on\":\"2026-12-04T00:00:00.000000Z\"},\"additional_info\":{}}")));

        Sends.send(kafka, request).assertAccepted(request, referenceId);

        String basic = Base64.getEncoder().encodeToString(("FFFFFFFF-EEEE-DDDD-1234-AB1234567890:local-telesign-api-key")
                .getBytes(StandardCharsets.UTF_8));
        telesign().verify(1, postRequestedFor(urlPathEqualTo(SEND))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("phone_number", equalTo(request.to().substring(1)))
                .withFormParam("sender_id", equalTo(request.from().substring(1)))
                .withFormParam("message", equalTo(request.body()))
                .withFormParam("message_type", equalTo("ARN"))
                .withFormParam("external_id", equalTo(request.requestId())));
    }

    @Test
    void aStatusThatIsAlreadyABlockFailsWithItsReason() {
        SendRequested request = Sends.request("telesign");
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(200, "{\"reference_id\":\"R237\",\"status\":{\"code\":237,"
                        + "\"description\":\"Message blocked in requested country\"}}")));

        Sends.send(kafka, request).assertFailed(request, FailureReason.Blocked, "237",
                "Message blocked in requested country");
        telesign().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void badCredentialsFailAtOnceAsAnAccountProblem() {
        SendRequested request = Sends.request("telesign");
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(401, "{\"status\":{\"code\":10000,\"description\":\"Transaction not attempted\"},"
                        + "\"errors\":[{\"code\":-30000,\"description\":\"Invalid Customer ID.\"}]}")));

        Sends.send(kafka, request).assertFailed(request, FailureReason.AccountProblem, "-30000",
                "Transaction not attempted / -30000 Invalid Customer ID.");
        telesign().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void throttlingIsRetriedUntilTelesignTakesIt() {
        SendRequested request = Sends.request("telesign");
        String scenario = "throttled-" + request.requestId();
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("Started")
                .willReturn(json(429, "{\"errors\":[{\"code\":-40000,\"description\":\"Rate limit\"}]}"))
                .willSetStateTo("open"));
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("open")
                .willReturn(json(200, "{\"reference_id\":\"R429\",\"status\":{\"code\":290}}")));

        Sends.send(kafka, request).assertAccepted(request, "R429");
        telesign().verify(2, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void aLostAnswerEndsOutcomeUnknownAndIsNeverSentAgain() {
        SendRequested request = Sends.request("telesign");
        telesign().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendFailed failed = Sends.send(kafka, request).first().dataAs(SendFailed.class);

        assertThat(failed.reason()).isEqualTo(FailureReason.ProviderError);
        assertThat(failed.providerText()).startsWith("outcome unknown after 1 lookup(s), not sent again: ")
                .endsWith("telesign offers no message lookup");
        telesign().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
