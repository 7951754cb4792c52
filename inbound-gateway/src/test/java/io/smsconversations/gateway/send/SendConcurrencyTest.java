package io.smsconversations.gateway.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;

/**
 * Issue 10 item 6: sends run concurrently in per-key lanes and per-provider lanes. A provider that times out does not
 * delay another provider's send, even behind it on the same partition; the later record is acknowledged first, and
 * the committed offset never passes the unfinished one. One conversation's sends still leave in order.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class SendConcurrencyTest {

    private static final int PARTITIONS = 3;
    private static final String TWILIO = "/twilio/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";

    private static KafkaTestClient kafka;
    private static KafkaProducer<String, String> producer;
    private static Admin admin;

    @BeforeAll
    static void connect() {
        String bootstrap = SuiteInfrastructure.get().kafkaBootstrapServers();
        kafka = KafkaTestClient.forSuite();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        producer.close();
        admin.close();
    }

    @Test
    void aProviderThatTimesOutDoesNotDelayAnotherProvidersSendBehindItOnTheSamePartition() throws Exception {
        SendRequested slow = Sends.request("vonage");
        SendRequested fast = onTheSamePartitionAs(slow, "infobip");
        // Vonage never answers within gateway.send.request-timeout (10 s in tests): the outcome is unknown...
        GatewayTestResource.providers().stubFor(post(urlPathEqualTo("/vonage/sms/json"))
                .withRequestBody(containing(slow.body()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[{\"status\":\"0\",\"message-id\":\"late\"}]}")
                        .withFixedDelay(12_000)));
        // ... and its Reports API says it took the message, under our client-ref.
        GatewayTestResource.providers().stubFor(get(urlPathEqualTo("/vonage-reports/v2/reports/records"))
                .withQueryParam("client_ref", equalTo(slow.requestId()))
                .withQueryParam("product", equalTo("SMS")).withQueryParam("direction", equalTo("outbound"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"request_status\":\"SUCCESS\",\"records\":[{\"message_id\":\"0B00000123\","
                                + "\"client_ref\":\"" + slow.requestId() + "\",\"direction\":\"outbound\"}]}")));
        GatewayTestResource.providers().stubFor(post(urlPathEqualTo("/infobip/sms/2/text/advanced"))
                .withRequestBody(containing(fast.body()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[{\"messageId\":\"" + fast.requestId() + "\",\"status\":"
                                + "{\"groupId\":1,\"groupName\":\"PENDING\",\"name\":\"PENDING_ACCEPTED\"}}]}")));

        RecordMetadata slowRecord = publish(slow);
        RecordMetadata fastRecord = publish(fast);
        assertThat(fastRecord.partition()).isEqualTo(slowRecord.partition());

        // The fast one is finished while the slow one is still at Vonage.
        CloudEventRecord fastResult = kafka.awaitOne(Topics.SEND_RESULTS, r -> fast.messageId().equals(r.subject()),
                Sends.AWAIT);
        assertThat(fastResult.dataAs(SendAccepted.class).providerMessageId()).isEqualTo(fast.requestId());
        assertThat(kafka.collect(Topics.SEND_RESULTS, r -> slow.messageId().equals(r.subject()),
                Duration.ofMillis(500))).isEmpty();
        TopicPartition partition = new TopicPartition(Topics.SEND_REQUESTS, slowRecord.partition());
        assertThat(committed(partition)).isLessThanOrEqualTo(slowRecord.offset());

        // The slow one: looked up after the timeout, found, not sent again.
        List<CloudEventRecord> slowResults = Sends.results(kafka, slow, 1);
        assertThat(slowResults).hasSize(1);
        assertThat(slowResults.get(0).dataAs(SendAccepted.class).providerMessageId()).isEqualTo("0B00000123");
        GatewayTestResource.providers().verify(1, postRequestedFor(urlPathEqualTo("/vonage/sms/json"))
                .withRequestBody(containing(slow.body())));
        // Both finished: the commit moves past both.
        await().atMost(Sends.AWAIT)
                .until(() -> committed(partition) > fastRecord.offset());
    }

    @Test
    void oneConversationsSendsLeaveInTheOrderTheyWereRequested() {
        SendRequested first = Sends.request("twilio");
        List<SendRequested> requests = new ArrayList<>(List.of(first));
        for (int i = 0; i < 3; i++) {
            SendRequested next = Sends.request("twilio");
            requests.add(new SendRequested(next.requestId(), first.conversationId(), next.messageId(), "twilio",
                    first.from(), first.to(), next.body(), next.sentBy(), 1, next.requestedAt()));
        }
        for (SendRequested request : requests) {
            // The first is slow: the others must wait for it, not overtake it.
            GatewayTestResource.providers().stubFor(post(urlPathEqualTo(TWILIO))
                    .withRequestBody(containing(request.body()))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"SM" + request.requestId().replace("-", "") + "\"}")
                            .withFixedDelay(request == first ? 1500 : 0)));
        }

        requests.forEach(request -> Sends.publish(kafka, request));

        List<Instant> accepted = new ArrayList<>();
        for (SendRequested request : requests) {
            accepted.add(kafka.awaitOne(Topics.SEND_RESULTS, r -> request.messageId().equals(r.subject()),
                    Sends.AWAIT).dataAs(SendAccepted.class).acceptedAt());
        }
        assertThat(accepted).isSorted();
        List<Date> called = requests.stream().map(request -> {
            List<LoggedRequest> calls = GatewayTestResource.providers().findAll(postRequestedFor(
                    urlPathMatching(TWILIO)).withRequestBody(containing(request.body())));
            assertThat(calls).hasSize(1);
            return calls.get(0).getLoggedDate();
        }).toList();
        assertThat(called).isSorted();
    }

    /** A request to another provider whose conversation key lands on the same partition as {@code other}'s. */
    private static SendRequested onTheSamePartitionAs(SendRequested other, String provider) {
        int wanted = partition(other);
        while (true) {
            SendRequested candidate = Sends.request(provider);
            if (partition(candidate) == wanted) {
                return candidate;
            }
        }
    }

    /** As the producer's default partitioner places a keyed record. */
    private static int partition(SendRequested request) {
        byte[] key = ConversationKey.of(request.to(), request.from()).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
    }

    /** As conversation-service publishes it, answering where it landed. */
    private static RecordMetadata publish(SendRequested request) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SEND_REQUESTS,
                ConversationKey.of(request.to(), request.from()), KafkaTestClient.toJson(request));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", EventIds.derived("send-requested", request.messageId()));
        header(record, "ce_type", EventTypes.SEND_REQUESTED);
        header(record, "ce_source", "/sms-conversations/tests");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        return producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The gateway's committed offset of {@code partition} (the next record it would read), -1 when none. */
    private static long committed(TopicPartition partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets("inbound-gateway")
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(partition);
        return offset == null ? -1 : offset.offset();
    }
}
