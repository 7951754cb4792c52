package io.smsconversations.gateway.provider.acs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.KafkaTestClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** ACS SMS send against a fake: HMAC signing, repeatability headers, accepted and refused recipients. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AcsSenderTest {

    private static final String SMS = "/acs/sms";

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.acs.access-key")
    String accessKey;

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static WireMockServer acs() {
        return GatewayTestResource.providers();
    }

    @Test
    void sendsASignedRepeatableRequestAndPublishesAccepted() throws Exception {
        SendRequested request = Sends.request("acs");
        String messageId = "Outgoing_" + request.requestId();
        acs().stubFor(post(urlPathEqualTo(SMS)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"to\":\"" + request.to() + "\",\"messageId\":\"" + messageId
                                + "\",\"httpStatusCode\":202,\"repeatabilityResult\":\"accepted\","
                                + "\"successful\":true}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, messageId);
        List<LoggedRequest> calls = acs().findAll(postRequestedFor(urlPathEqualTo(SMS))
                .withQueryParam("api-version", equalTo("2021-03-07"))
                .withRequestBody(containing(request.body())));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        String repeatabilityId = AcsSender.repeatabilityRequestId(request.requestId());
        assertThat(call.getHeader("Repeatability-Request-ID")).isEqualTo(repeatabilityId);
        String firstSent = call.getHeader("Repeatability-First-Sent");
        assertThat(AcsRequestSigner.HTTP_DATE.parse(firstSent, Instant::from)).isBetween(outcome.start().minusSeconds(1), outcome.end());
        JsonNode body = json.readTree(call.getBodyAsString());
        assertThat(body.path("from").asText()).isEqualTo(request.from());
        assertThat(body.path("message").asText()).isEqualTo(request.body());
        JsonNode recipient = body.path("smsRecipients").path(0);
        assertThat(recipient.path("to").asText()).isEqualTo(request.to());
        assertThat(recipient.path("repeatabilityRequestId").asText()).isEqualTo(repeatabilityId);
        assertThat(recipient.path("repeatabilityFirstSent").asText()).isEqualTo(firstSent);
        assertThat(body.path("smsSendOptions").path("enableDeliveryReport").asBoolean()).isTrue();
        assertThat(body.path("smsSendOptions").path("tag").asText()).isEqualTo(request.messageId());
        assertSignedAsAcsDocuments(call);
    }

    @Test
    void aRequestLeftInFlightIsSentAgainWithTheSameRepeatabilityKeyAndFirstSentTime() {
        SendRequested request = Sends.request("acs");
        String messageId = "Outgoing_" + request.requestId();
        Instant firstSent = Instant.parse("2026-12-01T10:00:07Z");
        // What a crash between the provider call and the ledger's update leaves behind.
        database.preparedQuery("INSERT INTO send_request (request_id, provider, conversation_id, message_id, state, "
                + "first_sent_at) VALUES ($1, 'acs', $2, $3, 'IN_FLIGHT', $4)")
                .execute(Tuple.of(request.requestId(), request.conversationId(), request.messageId(),
                        firstSent.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        acs().stubFor(post(urlPathEqualTo(SMS)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"messageId\":\"" + messageId + "\",\"httpStatusCode\":202,"
                                + "\"repeatabilityResult\":\"accepted\",\"successful\":true}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, messageId);
        acs().verify(1, postRequestedFor(urlPathEqualTo(SMS)).withRequestBody(containing(request.body()))
                .withHeader("Repeatability-Request-ID", equalTo(AcsSender.repeatabilityRequestId(request.requestId())))
                .withHeader("Repeatability-First-Sent", equalTo("Tue, 01 Dec 2026 10:00:07 GMT")));
        OffsetDateTime stored = database.preparedQuery("SELECT first_sent_at FROM send_request WHERE request_id = $1")
                .execute(Tuple.of(request.requestId())).await().indefinitely().iterator().next()
                .getOffsetDateTime(0);
        assertThat(stored.toInstant()).isEqualTo(firstSent);
    }

    @Test
    void aRefusedRecipientFailsWithTheReasonReadFromItsWords() {
        SendRequested request = Sends.request("acs");
        acs().stubFor(post(urlPathEqualTo(SMS)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"to\":\"" + request.to() + "\",\"httpStatusCode\":400,"
                                + "\"successful\":false,\"errorMessage\":\"Invalid To phone number format.\"}]}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.InvalidSendingParameters, "400", "Invalid To phone number format.");
        acs().verify(1, postRequestedFor(urlPathEqualTo(SMS)).withRequestBody(containing(request.body())));
    }

    @Test
    void aWrongKeyIsAnAccountProblem() {
        SendRequested request = Sends.request("acs");
        acs().stubFor(post(urlPathEqualTo(SMS)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"Denied\",\"message\":\"Denied by the resource provider.\"}}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.AccountProblem, "Denied", "Denied by the resource provider.");
    }

    /** Recomputes ACS's HMAC-SHA256 from what the fake received: body hash, date, host and signature agree. */
    private void assertSignedAsAcsDocuments(LoggedRequest call) throws Exception {
        String contentHash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(call.getBody()));
        assertThat(call.getHeader("x-ms-content-sha256")).isEqualTo(contentHash);
        String date = call.getHeader("x-ms-date");
        assertThat(AcsRequestSigner.HTTP_DATE.parse(date, Instant::from)).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.MINUTES));
        String host = call.getHeader("Host");
        String stringToSign = "POST\n" + call.getUrl() + "\n" + date + ";" + host + ";" + contentHash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(accessKey), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        assertThat(call.getHeader("Authorization"))
                .isEqualTo("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }
}
