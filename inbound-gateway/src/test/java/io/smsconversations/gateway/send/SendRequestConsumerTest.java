package io.smsconversations.gateway.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;

/** What the consumer does with records that are not sendable requests, and with network failures. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class SendRequestConsumerTest {

    private static final String DLQ = "sms.send-requests.dlq.inbound-gateway";
    private static final String TWILIO = "/twilio/2010-04-01/Accounts/.*/Messages.json";

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndThePartitionMovesOn() {
        String key = "poison-" + UUID.randomUUID();
        SendRequested valid = Sends.request("twilio");
        kafka.publishRaw(Topics.SEND_REQUESTS, key, "{\"requestId\":\"no ce headers\"}");
        kafka.publishEvent(Topics.SEND_REQUESTS, key, UUID.randomUUID().toString(), EventTypes.SEND_ACCEPTED, valid);
        kafka.publishEvent(Topics.SEND_REQUESTS, key, UUID.randomUUID().toString(), EventTypes.SEND_REQUESTED,
                "not json at all");
        kafka.publishEvent(Topics.SEND_REQUESTS, key, UUID.randomUUID().toString(), EventTypes.SEND_REQUESTED,
                "{\"provider\":\"twilio\",\"body\":\"no ids\"}");
        // Same key, so same partition: it is processed only if the poison did not stop the partition.
        GatewayTestResource.providers().stubFor(post(urlPathMatching(TWILIO))
                .withRequestBody(containing(valid.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMafterpoison\"}")));
        kafka.publishEvent(Topics.SEND_REQUESTS, key, UUID.randomUUID().toString(), EventTypes.SEND_REQUESTED, valid);

        List<String> reasons = List.copyOf(deadLetterReasons(key, 4).values());
        assertThat(reasons.get(0)).isEqualTo("not a binary-mode CloudEvent (ce_* headers missing)");
        assertThat(reasons.get(1)).isEqualTo("unexpected CloudEvents type on " + Topics.SEND_REQUESTS + " ('"
                + EventTypes.SEND_ACCEPTED + "'), expected " + EventTypes.SEND_REQUESTED);
        // Where the JSON broke, never what it said (a body, a number).
        assertThat(reasons.get(2)).matches("payload is not a SendRequested in JSON \\(\\w+Exception at line 1, column \\d+\\)")
                .doesNotContain("not json");
        assertThat(reasons.get(3)).isEqualTo("missing field(s): requestId, messageId");
        CloudEventRecord accepted = kafka.awaitOne(Topics.SEND_RESULTS, r -> valid.messageId().equals(r.subject()),
                Sends.AWAIT);
        assertThat(accepted.type()).isEqualTo(EventTypes.SEND_ACCEPTED);
    }

    @Test
    void aProviderWithoutASenderFailsWithoutACall() {
        SendRequested base = Sends.request("sinch");
        Sends.Outcome outcome = Sends.send(kafka, base);

        outcome.assertFailed(base, FailureReason.ProviderError, null,
                "the gateway has no sender for provider 'sinch'");
    }

    @Test
    void aDestinationThatIsNotE164FailsWithoutACall() {
        SendRequested base = Sends.request("twilio");
        SendRequested request = new SendRequested(base.requestId(), base.conversationId(), base.messageId(),
                "twilio", base.from(), "0425 555 0100", base.body(), base.sentBy(), 1, base.requestedAt());
        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertFailed(request, FailureReason.InvalidSendingParameters,
                null, "the destination is not an E.164 number");
        GatewayTestResource.providers().verify(0, postRequestedFor(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body())));
    }

    @Test
    void aShortCodeIsSentFromItsDigitsAndASenderIdNeverToNorthAmerica() {
        SendRequested base = Sends.request("twilio");
        SendRequested fromShortCode = new SendRequested(base.requestId(), base.conversationId(), base.messageId(),
                "twilio", "US:12345", base.to(), base.body(), base.sentBy(), 1, base.requestedAt());
        GatewayTestResource.providers().stubFor(post(urlPathMatching(TWILIO))
                .withRequestBody(containing(base.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMshortcode\"}")));

        Sends.send(kafka, fromShortCode).assertAccepted(fromShortCode, "SMshortcode");
        // Twilio is given the code as it knows it, without the country of the directory's key.
        GatewayTestResource.providers().verify(1, postRequestedFor(urlPathMatching(TWILIO))
                .withRequestBody(containing(base.body())).withRequestBody(containing("From=12345&")));

        SendRequested other = Sends.request("twilio");
        SendRequested fromSenderId = new SendRequested(other.requestId(), other.conversationId(), other.messageId(),
                "twilio", "Contoso", other.to(), other.body(), other.sentBy(), 1, other.requestedAt());
        Sends.send(kafka, fromSenderId).assertFailed(fromSenderId, FailureReason.InvalidSendingParameters, null,
                "an alphanumeric sender id cannot send to a number in US (carriers there refuse it); send from a "
                        + "long code, toll-free number or short code");
        SendRequested third = Sends.request("telesign");
        SendRequested telesignShortCode = new SendRequested(third.requestId(), third.conversationId(),
                third.messageId(), "telesign", "US:12345", third.to(), third.body(), third.sentBy(), 1,
                third.requestedAt());
        Sends.send(kafka, telesignShortCode).assertFailed(telesignShortCode, FailureReason.InvalidSendingParameters,
                null, "telesign cannot send from a short code");
        GatewayTestResource.providers().verify(0, postRequestedFor(urlPathMatching(".*"))
                .withRequestBody(containing(other.body())));
        GatewayTestResource.providers().verify(0, postRequestedFor(urlPathMatching(".*"))
                .withRequestBody(containing(third.body())));
    }

    @Test
    void aDroppedConnectionIsLookedUpAndSentAgainOnlyBecauseTwilioDoesNotHaveIt() {
        SendRequested request = Sends.request("twilio");
        String scenario = "reset-" + request.requestId();
        GatewayTestResource.providers().stubFor(post(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        GatewayTestResource.providers().stubFor(post(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body()))
                .inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMafterreset\"}")));
        // The connection broke after the request was written: Twilio is asked first, and has nothing.
        GatewayTestResource.providers().stubFor(get(urlPathMatching(TWILIO))
                .withQueryParam("To", equalTo(request.to()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[],\"page\":0}")));

        Sends.Outcome outcome = Sends.send(kafka, request);

        outcome.assertAccepted(request, "SMafterreset");
        GatewayTestResource.providers().verify(2, postRequestedFor(urlPathMatching(TWILIO))
                .withRequestBody(containing(request.body())));
        GatewayTestResource.providers().verify(1, getRequestedFor(urlPathMatching(TWILIO))
                .withQueryParam("To", equalTo(request.to())));
    }

    /** The {@code dead-letter-reason} header of each dead-lettered record with this key, in order. */
    private static Map<String, String> deadLetterReasons(String key, int count) {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteInfrastructure.get().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + Sends.AWAIT.toNanos();
            while (reasons.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        reasons.put(record.topic() + "@" + record.offset(),
                                reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(reasons).hasSize(count);
        return reasons;
    }
}
