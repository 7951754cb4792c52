package io.smsconversations.gateway.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 10 item 6: two replicas share the ledger. The gateway under test (consuming from Kafka) is one; a
 * {@link SendProcessor} of another owner, built here on the same ledger and providers, is the other, or a row is left
 * behind as a crashed replica leaves it.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class SendLeaseTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/twilio/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US).withZone(ZoneOffset.UTC);

    private static KafkaTestClient kafka;

    @Inject
    SendLedger ledger;
    @Inject
    ProviderSenders senders;
    @Inject
    SendRetries retries;
    @Inject
    SendResultPublisher results;
    @Inject
    SendSteps steps;
    @Inject
    SendConfig config;
    @Inject
    SendMetrics metrics;
    @Inject
    Pool database;
    @Inject
    SendOwner gateway;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aRequestAnotherReplicaIsSendingIsWaitedForAndNotSentAgainWhileOtherConversationsGoOn() {
        SendRequested request = Sends.request("twilio");
        String sid = "SM" + request.requestId().replace("-", "");
        // Replica B is at Twilio with it for a while (a rebalance moved the partition to the gateway meanwhile).
        stubSend(request, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\"}").withFixedDelay(6000));
        SendRequested other = Sends.request("twilio");
        stubSend(other, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SMother" + other.requestId().replace("-", "") + "\"}"));
        double waits = Metrics.counter("gateway_send_lease_waits_total", "provider=\"twilio\"");
        SendProcessor replicaB = replica("replica-b");

        CompletableFuture<String> b = replicaB.process(request).subscribeAsCompletionStage();
        await().atMost(Sends.AWAIT).until(() -> calls(request) == 1);
        Sends.publish(kafka, request);
        Sends.publish(kafka, other);

        // Another conversation is not held up by the wait...
        kafka.awaitOne(Topics.SEND_RESULTS, r -> other.messageId().equals(r.subject()),
                Sends.AWAIT);
        assertThat(b).isNotDone();
        assertThat(row(request).state()).isEqualTo(LedgerEntry.State.IN_FLIGHT);
        assertThat(row(request).owner()).isEqualTo("replica-b");
        // ... and the request itself ends with B's answer, published by both, sent once.
        List<CloudEventRecord> outcomes = Sends.results(kafka, request, 2);
        assertThat(b.join()).isEqualTo("accepted");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0).dataAs(SendAccepted.class).providerMessageId()).isEqualTo(sid);
        assertThat(calls(request)).isEqualTo(1);
        assertThat(Metrics.counter("gateway_send_lease_waits_total", "provider=\"twilio\"")).isGreaterThan(waits);
    }

    @Test
    void anEndedLeaseWithAnUnknownOutcomeIsLookedUpAndNotSentWhenTwilioHasIt() {
        SendRequested request = Sends.request("twilio");
        Instant firstSent = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        leftByACrashedReplica(request, firstSent);
        // Twilio has two messages with this text to this customer: one is another request's (in the ledger).
        String theOthers = "SMtheothers" + request.requestId().replace("-", "");
        String mine = "SMmine" + request.requestId().replace("-", "");
        recordedForAnotherRequest(request, theOthers);
        stubList(request, "[" + message(theOthers, request, firstSent.plusSeconds(1)) + ","
                + message(mine, request, firstSent.plusSeconds(2)) + "]");
        double found = Metrics.counter("gateway_send_lookups_total", "provider=\"twilio\",result=\"found\"");

        Instant start = Instant.now();
        Sends.publish(kafka, request);

        acceptedAs(request, mine, start);
        assertThat(calls(request)).isZero();
        GatewayTestResource.providers().verify(getRequestedFor(urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo(request.to())).withQueryParam("From", equalTo(request.from())));
        assertThat(Metrics.counter("gateway_send_lookups_total", "provider=\"twilio\",result=\"found\""))
                .isEqualTo(found + 1);
        assertThat(row(request).owner()).isEqualTo(gateway.id());
    }

    @Test
    void anEndedLeaseWithAnUnknownOutcomeIsSentOnceWhenTwilioDoesNotHaveIt() {
        SendRequested request = Sends.request("twilio");
        Instant firstSent = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        leftByACrashedReplica(request, firstSent);
        // Same text to the same customer, but created before this request was first recorded: not this one.
        stubList(request, "[" + message("SMolder" + request.requestId().replace("-", ""), request,
                firstSent.minusSeconds(600)) + "]");
        String sid = "SMsent" + request.requestId().replace("-", "");
        stubSend(request, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\"}"));

        Instant start = Instant.now();
        Sends.publish(kafka, request);

        acceptedAs(request, sid, start);
        assertThat(calls(request)).isEqualTo(1);
    }

    @Test
    void aCallThatLostItsConnectionIsLookedUpBeforeAnyResend() {
        SendRequested request = Sends.request("twilio");
        String sid = "SMreset" + request.requestId().replace("-", "");
        GatewayTestResource.providers().stubFor(post(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(request.body()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // Twilio took it although the connection broke before its answer.
        stubList(request, "[" + message(sid, request, Instant.now()) + "]");

        Instant start = Instant.now();
        Sends.publish(kafka, request);

        acceptedAs(request, sid, start);
        assertThat(calls(request)).isEqualTo(1);
    }

    /** The request's result, every field checked (the provider's call count proves nothing was sent twice). */
    private static void acceptedAs(SendRequested request, String providerMessageId, Instant start) {
        CloudEventRecord result = kafka.awaitOne(Topics.SEND_RESULTS, r -> request.messageId().equals(r.subject()),
                Sends.AWAIT);
        Sends.assertAccepted(result, request, providerMessageId, start, Instant.now());
    }

    private SendProcessor replica(String name) {
        return new SendProcessor(ledger, senders, retries, results, steps, config, metrics, new SendOwner(name));
    }

    private void leftByACrashedReplica(SendRequested request, Instant firstSent) {
        database.preparedQuery("""
                INSERT INTO send_request (request_id, provider, conversation_id, message_id, state, first_sent_at,
                                          owner, lease_until)
                VALUES ($1, 'twilio', $2, $3, 'IN_FLIGHT', $4, 'crashed-replica', now() - interval '1 second')""")
                .execute(Tuple.of(request.requestId(), request.conversationId(), request.messageId(),
                        firstSent.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
    }

    private void recordedForAnotherRequest(SendRequested request, String providerMessageId) {
        SendRequested earlier = Sends.request("twilio");
        database.preparedQuery("""
                INSERT INTO send_request (request_id, provider, conversation_id, message_id, state, first_sent_at,
                                          provider_message_id, completed_at)
                VALUES ($1, 'twilio', $2, $3, 'ACCEPTED', now(), $4, now())""")
                .execute(Tuple.of(earlier.requestId(), request.conversationId(), earlier.messageId(),
                        providerMessageId))
                .await().indefinitely();
    }

    private LedgerEntry row(SendRequested request) {
        return ledger.read(request.requestId()).await().indefinitely();
    }

    private static void stubSend(SendRequested request,
            ResponseDefinitionBuilder answer) {
        GatewayTestResource.providers().stubFor(post(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(request.body())).willReturn(answer));
    }

    private static void stubList(SendRequested request, String messages) {
        GatewayTestResource.providers().stubFor(get(urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo(request.to())).withQueryParam("From", equalTo(request.from()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":" + messages + ",\"page\":0,\"page_size\":50}")));
    }

    private static String message(String sid, SendRequested request, Instant created) {
        return "{\"sid\":\"" + sid + "\",\"to\":\"" + request.to() + "\",\"from\":\"" + request.from()
                + "\",\"body\":\"" + request.body() + "\",\"status\":\"sent\",\"date_created\":\""
                + TWILIO_DATE.format(created) + "\"}";
    }

    private static int calls(SendRequested request) {
        return GatewayTestResource.providers().findAll(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(containing(request.body()))).size();
    }
}
