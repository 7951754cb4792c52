package io.smsconversations.conversation.delivery;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Delivery reports through the real broker and database. Sending is not built yet, so the outbound message a report
 * names is written into the database directly, as the send flow will store it ({@code QUEUED}).
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class DeliveryReportFlowTest {

    private static final String SELLER = "dora";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void statusOnlyMovesForwardWhateverTheOrderAndRepeatsOfReports() throws Exception {
        Thread thread = newThread();
        String sid = thread.outboundMessage();
        Instant at = Instant.parse("2026-11-24T12:00:00Z");

        report(sid, DeliveryStatus.SENT, null, null, thread, at);
        await().atMost(EVENTUALLY).until(() -> "SENT".equals(deliveryOf(thread, sid).get("status")));
        report(sid, DeliveryStatus.DELIVERED, null, null, thread, at.plusSeconds(5));
        report(sid, DeliveryStatus.SENT, null, null, thread, at.plusSeconds(1));
        report(sid, DeliveryStatus.FAILED, FailureReason.ProviderError, "30008", thread, at.plusSeconds(9));
        report(sid, DeliveryStatus.DELIVERED, null, null, thread, at.plusSeconds(5));
        String marker = thread.outboundMessage();
        report(marker, DeliveryStatus.SENT, null, null, thread, at);
        // Reports of one message share a key and so a partition: once the marker's report is applied, all are.
        await().atMost(EVENTUALLY).until(() -> "SENT".equals(deliveryOf(thread, marker).get("status")));

        Map<String, Object> delivery = deliveryOf(thread, sid);
        assertThat(delivery.get("status")).isEqualTo("DELIVERED");
        assertThat(delivery.get("reason")).isNull();
        assertThat(delivery.get("updatedAt")).isEqualTo("2026-11-24T12:00:05Z");
    }

    @Test
    void aFailureKeepsItsReasonAndTheProvidersCodeAndAnOptedOutRecipientIsMarked() throws Exception {
        Thread thread = newThread();
        String sid = thread.outboundMessage();

        report(sid, DeliveryStatus.FAILED, FailureReason.RecipientOptedOut, "21610", thread, Instant.now());

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<String, Object> delivery = deliveryOf(thread, sid);
            assertThat(delivery.get("status")).isEqualTo("FAILED");
            assertThat(delivery.get("reason")).isEqualTo("RecipientOptedOut");
            assertThat(delivery.get("providerCode")).isEqualTo("21610");
        });
        given().auth().oauth2(TestTokens.seller(SELLER)).when()
                .get("/api/conversations/" + thread.conversationId() + "/opt-out")
                .then().statusCode(200).body("optedOut", equalTo(true));
    }

    @Test
    void anUnreadableReportIsDeadLetteredAndTheNextOneStillApplies() throws Exception {
        Thread thread = newThread();
        String sid = thread.outboundMessage();
        String poisonKey = unique("poison");

        kafka.publishEvent(Topics.DELIVERY_REPORTS, poisonKey, unique("id"), EventTypes.DELIVERY_REPORT_RECEIVED,
                "{\"provider\":");
        kafka.publishRaw(Topics.DELIVERY_REPORTS, poisonKey, "no headers at all");
        report(sid, DeliveryStatus.DELIVERED, null, null, thread, Instant.now());

        assertThat(kafka.await("sms.delivery-reports.dlq.conversation-service", e -> poisonKey.equals(e.key()), 2,
                Duration.ofSeconds(30))).hasSize(2);
        await().atMost(EVENTUALLY).until(() -> "DELIVERED".equals(deliveryOf(thread, sid).get("status")));
    }

    private record Thread(String conversationId, String customer, String business) {

        /** Stores a queued outbound message of this conversation and answers its provider message id. */
        String outboundMessage() throws Exception {
            Config config = ConfigProvider.getConfig();
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            try (var connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
                    var insert = connection.prepareStatement("""
                            INSERT INTO message (id, conversation_id, source_event_id, direction, body, from_number,
                                                 to_number, provider, provider_message_id, occurred_at, stored_at,
                                                 delivery_status)
                            VALUES (?, ?, ?, 'OUTBOUND', 'Our offer', ?, ?, 'twilio', ?, ?, ?, 'QUEUED')""")) {
                Timestamp now = Timestamp.from(Instant.now());
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.fromString(conversationId));
                insert.setString(3, unique("send"));
                insert.setString(4, business);
                insert.setString(5, customer);
                insert.setString(6, sid);
                insert.setTimestamp(7, now);
                insert.setTimestamp(8, now);
                insert.executeUpdate();
            }
            return sid;
        }
    }

    private static Thread newThread() {
        RecordRef record = contact(SELLER);
        String customer = number();
        String business = number();
        publish(kafka, attached(record, customer, business, "Hi", Instant.now(),
                List.of(new AlertRecipient(SELLER, true))));
        return new Thread(awaitConversation(TestTokens.seller(SELLER), customer, business), customer, business);
    }

    private static void report(String sid, DeliveryStatus status, FailureReason reason, String code, Thread thread,
            Instant at) {
        DeliveryReportReceived report = new DeliveryReportReceived("twilio", sid, status, reason, code,
                status.name().toLowerCase(), thread.business(), thread.customer(), at);
        kafka.publishEvent(Topics.DELIVERY_REPORTS, sid, EventIds.deliveryReport("twilio", sid, status),
                EventTypes.DELIVERY_REPORT_RECEIVED, report);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deliveryOf(Thread thread, String sid) {
        return messages(TestTokens.seller(SELLER), thread.conversationId()).stream()
                .filter(message -> sid.equals(message.get("providerMessageId")))
                .map(message -> (Map<String, Object>) message.get("delivery"))
                .findFirst().orElseThrow();
    }
}
