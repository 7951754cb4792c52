package io.smsconversations.gateway.provider.infobip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.KafkaTestClient;

/** Infobip's SMS API against a fake: our request id as messageId, notifyUrl, accepted and rejected messages. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class InfobipSenderTest {

    private static final String SEND = "/infobip/sms/2/text/advanced";

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static WireMockServer infobip() {
        return GatewayTestResource.providers();
    }

    @Test
    void sendsWithOurRequestIdAsMessageIdAndPublishesAccepted() {
        SendRequested request = Sends.request("infobip");
        infobip().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"bulkId\":\"b-1\",\"messages\":[{\"messageId\":\"" + request.requestId()
                                + "\",\"status\":{\"groupId\":1,\"groupName\":\"PENDING\",\"id\":26,"
                                + "\"name\":\"PENDING_ACCEPTED\",\"description\":\"Message sent to next instance\"},"
                                + "\"to\":\"" + request.to().substring(1) + "\"}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, request.requestId());
        infobip().verify(1, postRequestedFor(urlPathEqualTo(SEND))
                .withHeader("Authorization", equalTo("App test-infobip-api-key"))
                .withRequestBody(equalToJson("""
                        {"messages": [{
                          "from": "%s",
                          "destinations": [{"to": "%s", "messageId": "%s"}],
                          "text": "%s",
                          "notifyUrl": "https://infobip:local-infobip-webhook-secret@sms-gateway.example.test/webhooks/infobip/delivery-reports",
                          "notifyContentType": "application/json",
                          "callbackData": "%s"
                        }]}""".formatted(request.from().substring(1), request.to().substring(1),
                        request.requestId(), request.body(), request.messageId()))));
    }

    @Test
    void aRejectedMessageFailsWithTheReasonOfItsStatusName() {
        SendRequested request = Sends.request("infobip");
        infobip().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[{\"messageId\":\"" + request.requestId() + "\",\"status\":"
                                + "{\"groupId\":5,\"groupName\":\"REJECTED\",\"id\":51,"
                                + "\"name\":\"REJECTED_DESTINATION\",\"description\":\"Invalid destination\"}}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.InvalidSendingParameters,
                "51", "REJECTED / REJECTED_DESTINATION / Invalid destination");
        infobip().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }

    @Test
    void badCredentialsFailAtOnceAsAnAccountProblem() {
        SendRequested request = Sends.request("infobip");
        infobip().stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"requestError\":{\"serviceException\":{\"messageId\":\"UNAUTHORIZED\","
                                + "\"text\":\"Invalid login details\"}}}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.AccountProblem, "UNAUTHORIZED", "Invalid login details");
        infobip().verify(1, postRequestedFor(urlPathEqualTo(SEND)).withRequestBody(containing(request.body())));
    }
}
