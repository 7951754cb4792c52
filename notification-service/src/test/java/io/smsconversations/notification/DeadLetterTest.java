package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.eventId;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationOptOutChanged;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class DeadLetterTest {

    static final String DLQ = Topics.CONVERSATION_EVENTS + ".dlq.notification-service";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anUnreadablePayloadGoesToTheDeadLetterTopicAndTheNextEventIsProcessed() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the poison", privileged(seller));
        String poisonId = unique("poison");

        // same key as the good event: same partition, so the good one comes after the poison
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), poisonId,
                EventTypes.CONVERSATION_MESSAGE_ADDED, "{this is not json");
        publish(good);

        CloudEventRecord dead = ConversationEvents.kafka().awaitOne(DLQ, r -> poisonId.equals(r.id()), WAIT);
        assertThat(dead.key()).isEqualTo(good.conversationId());
        assertThat(dead.value()).isEqualTo("{this is not json");
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the raw record", privileged(seller));
        String raw = "{\"raw\":\"" + unique("value") + "\"}";

        ConversationEvents.kafka().publishRaw(Topics.CONVERSATION_EVENTS, good.conversationId(), raw);
        publish(good);

        CloudEventRecord dead = ConversationEvents.kafka().awaitOne(DLQ, r -> raw.equals(r.value()), WAIT);
        assertThat(dead.key()).isEqualTo(good.conversationId());
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
    }

    @Test
    void anUnknownEventTypeGoesToTheDeadLetterTopicWithItsReasonAndAnOptOutChangeIsIgnored() throws Exception {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the unknown event", privileged(seller));
        String unknownId = unique("unknown");
        String optOutId = unique("opt-out");

        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), optOutId,
                EventTypes.CONVERSATION_OPT_OUT_CHANGED, new ConversationOptOutChanged(good.conversationId(),
                        ConversationEvents.CUSTOMER, ConversationEvents.BUSINESS, true, "KEYWORD", unique("src"),
                        Instant.now()));
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), unknownId,
                "io.smsconversations.conversation.archived.v1", Map.of("conversationId", good.conversationId()));
        publish(good);

        ConversationEvents.kafka().awaitOne(DLQ, r -> unknownId.equals(r.id()), WAIT);
        assertThat(deadLetterReason(unknownId)).isEqualTo("unknown CloudEvents type"
                + " 'io.smsconversations.conversation.archived.v1' on sms.conversation-events");
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
        // the opt-out change came first on the same partition: ignored, not dead-lettered, made no notification
        assertThat(ConversationEvents.kafka().collect(DLQ, r -> optOutId.equals(r.id()), Duration.ofSeconds(2)))
                .isEmpty();
        assertThat(Inbox.of(TestTokens.seller(seller))).hasSize(1);
    }

    @Test
    void aMoveOrAStatusWithoutItsRequiredFieldsGoesToTheDeadLetterTopic() throws Exception {
        String moveId = unique("move");
        String statusId = unique("status");
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, unique("conv"), moveId,
                EventTypes.CONVERSATION_MOVED, Map.of("conversationId", "c-1"));
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, unique("conv"), statusId,
                EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, Map.of("conversationId", "c-1", "status", "LOST"));

        ConversationEvents.kafka().awaitOne(DLQ, r -> moveId.equals(r.id()), WAIT);
        assertThat(deadLetterReason(moveId))
                .isEqualTo("missing field(s): to.id");
        ConversationEvents.kafka().awaitOne(DLQ, r -> statusId.equals(r.id()), WAIT);
        assertThat(deadLetterReason(statusId)).startsWith("payload is not a ConversationMessageStatusChanged in JSON");
    }

    @Test
    void aBrokenDirectorySellerEntryGoesToItsDeadLetterTopic() throws Exception {
        String sellerId = unique("seller");
        ConversationEvents.kafka().publishEvent(Topics.DIRECTORY_SELLERS, sellerId, unique("dir"),
                EventTypes.DIRECTORY_SELLER_UPSERTED, "[not a seller");
        CloudEventRecord dead = ConversationEvents.kafka().awaitOne("directory.sellers.dlq.notification-service",
                r -> sellerId.equals(r.key()), WAIT);
        assertThat(dead.value()).isEqualTo("[not a seller");
    }

    @Test
    void brokenCloudEventsHeadersAreDeadLetteredAndThePartitionMovesOn() throws Exception {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the broken headers", privileged(seller));
        String brokenId = unique("broken");
        // ce_specversion and ce_id without ce_source or ce_type: SmallRye's own parsing would fail the channel
        ConversationEvents.kafka().publishWithHeaders(Topics.CONVERSATION_EVENTS, good.conversationId(), "{}",
                Map.of("ce_specversion", "1.0", "ce_id", brokenId));
        publish(good);

        ConversationEvents.kafka().awaitOne(DLQ, r -> brokenId.equals(r.id()), WAIT);
        assertThat(deadLetterReason(brokenId))
                .isEqualTo("broken CloudEvents headers: ce_source missing, ce_type missing");
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
    }

    @Test
    void aDatabaseFailoverIsWaitedOutAndTheNotificationIsStoredOnce() {
        String seller = unique("seller");
        ConversationMessageAdded during = inbound("during the failover", privileged(seller));
        try (var outage = SuiteInfrastructure.get().postgres().outage("notification")) {
            publish(during);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                var ready = io.restassured.RestAssured.given().when().get("/q/health/ready").then().extract()
                        .jsonPath();
                String check = "checks.find { it.name == 'event-consumers' }";
                assertThat(ready.getString(check + ".status")).isEqualTo("DOWN");
                assertThat(ready.getString(check + ".data.'conversation-events.waitingFor'")).contains("database");
                assertThat(ready.getInt(check + ".data.'conversation-events.failedAttempts'")).isGreaterThan(5);
            });
        }
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), during.conversationId()).size() == 1);
        assertThat(ConversationEvents.kafka().collect(DLQ, r -> eventId(during).equals(r.id()),
                Duration.ofSeconds(2))).isEmpty();
    }

    /** The {@code dead-letter-reason} header of the dead letter with CloudEvents id {@code id}. */
    static String deadLetterReason(String id) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("dlq-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header ce = record.headers().lastHeader("ce_id");
                    if (ce != null && id.equals(new String(ce.value(), StandardCharsets.UTF_8))) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        return reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("no dead letter " + id);
    }

    @Test
    void anEventWithoutItsRequiredFieldsGoesToTheDeadLetterTopic() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the empty event", privileged(seller));
        String emptyId = unique("empty");

        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), emptyId,
                EventTypes.CONVERSATION_MESSAGE_ADDED, "{}");
        publish(good);

        ConversationEvents.kafka().awaitOne(DLQ, r -> emptyId.equals(r.id()), WAIT);
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
        assertThat(eventId(good)).isNotEqualTo(emptyId);
    }
}
