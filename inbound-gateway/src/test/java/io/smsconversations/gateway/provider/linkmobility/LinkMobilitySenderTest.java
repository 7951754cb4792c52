package io.smsconversations.gateway.provider.linkmobility;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
 * LINK Mobility's /sms/send against a fake, through the real consumer, ledger and lanes: the JSON it is sent,
 * accepted, a failure result code, a server error retried, and a lost answer never sent twice (LINK has no lookup).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LinkMobilitySenderTest {

    private static final String SEND = "/linkmobility" + LinkMobilitySender.PATH;

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static WireMockServer link() {
        return GatewayTestResource.providers();
    }

    @Test
    void sendsTheDocumentedJsonAndPublishesAcceptedWithLinksMessageId() {
        SendRequested request = Sends.request("linkmobility");
        String messageId = "lm-" + request.requestId();
        link().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(200, "{\"messageId\":\"" + messageId + "\",\"resultCode\":1005,"
                        + "\"description\":\"Queued\",\"smsCount\":1}")));

        Sends.send(kafka, request).assertAccepted(request, messageId);

        link().verify(1, postRequestedFor(urlPathEqualTo(SEND))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("test-link-user",
                        "test-link-password"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"source": "%s", "sourceTON": "MSISDN", "destination": "%s", "destinationTON": "MSISDN",
                         "userData": "%s", "platformId": "COMMON_API", "platformPartnerId": "test-partner",
                         "useDeliveryReport": true, "deliveryReportGates": ["test-dlr-gate"], "refId": "%s"}"""
                        .formatted(request.from(), request.to(), request.body(), request.requestId()))));
    }

    @Test
    void aFailureResultCodeIsARefusalWithItsReason() {
        SendRequested request = Sends.request("linkmobility");
        link().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(200, "{\"resultCode\":2105,\"description\":\"Destination blocked\"}")));

        Sends.send(kafka, request).assertFailed(request, FailureReason.Blocked, "2105", "Destination blocked");
        link().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void badCredentialsFailAtOnceAsAnAccountProblem() {
        SendRequested request = Sends.request("linkmobility");
        link().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(json(401, "{\"description\":\"Bad credentials\"}")));

        Sends.send(kafka, request).assertFailed(request, FailureReason.AccountProblem, "401", "Bad credentials");
        link().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void aLostAnswerEndsOutcomeUnknownAndIsNeverSentAgain() {
        SendRequested request = Sends.request("linkmobility");
        link().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendFailed failed = Sends.send(kafka, request).first().dataAs(SendFailed.class);

        assertThat(failed.reason()).isEqualTo(FailureReason.ProviderError);
        assertThat(failed.providerText()).startsWith("outcome unknown after 1 lookup(s), not sent again: ")
                .endsWith("linkmobility offers no message lookup");
        link().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
