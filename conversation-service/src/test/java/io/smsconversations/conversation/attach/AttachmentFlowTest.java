package io.smsconversations.conversation.attach;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.conversations;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class AttachmentFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void storesTheAttachedMessageAndPublishesConversationMessageAdded() {
        String seller = unique("seller");
        String owner = unique("owner");
        RecordRef record = contact(owner);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true),
                new AlertRecipient(unique("no-privilege"), false));
        Instant receivedAt = Fixtures.now();
        MessageAttached attached = attached(record, number(), number(), "Is the offer still valid? \u00e8\u00e0",
                receivedAt, alerts);
        String from = attached.message().from();
        String to = attached.message().to();

        publish(kafka, attached);

        // The record's owner reads it (from the attach event's snapshot while the directory does not know the record).
        String token = TestTokens.seller(owner);
        String conversationId = awaitConversation(token, from, to);
        Map<String, Object> conversation = Fixtures.conversationWith(token, from, to).orElseThrow();
        assertThat(conversation).containsEntry("customerNumber", from).containsEntry("businessNumber", to);
        assertThat(conversation.get("record")).isEqualTo(
                Map.of("id", record.id(), "type", "CONTACT", "name", record.name()));
        assertThat(Instant.parse((String) conversation.get("lastActivityAt"))).isEqualTo(receivedAt);

        List<Map<String, Object>> history = awaitMessages(token, conversationId, 1);
        assertThat(history).hasSize(1);
        Map<String, Object> message = history.get(0);
        String messageId = (String) message.get("id");
        assertThat(message)
                .containsEntry("conversationId", conversationId)
                .containsEntry("direction", "INBOUND")
                .containsEntry("body", attached.message().body())
                .containsEntry("from", from)
                .containsEntry("to", to)
                .containsEntry("provider", "twilio")
                .containsEntry("providerMessageId", attached.message().providerMessageId())
                .containsEntry("segments", 2)
                // The history links to this service's own media endpoint, never to the provider.
                .containsEntry("media", List.of(Map.of("index", 0, "contentType", "image/jpeg", "href",
                        "/api/conversations/" + conversationId + "/messages/" + messageId + "/media/0")));
        assertThat(Instant.parse((String) message.get("occurredAt"))).isEqualTo(receivedAt);
        @SuppressWarnings("unchecked")
        Map<String, Object> preview = (Map<String, Object>) conversation.get("lastMessage");
        assertThat(preview).containsEntry("id", messageId).containsEntry("text", attached.message().body());

        String eventId = EventIds.derived("message-added", messageId);
        CloudEventRecord event = kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> eventId.equals(e.id()), EVENTUALLY);
        assertThat(event.key()).isEqualTo(conversationId);
        assertThat(event.type()).isEqualTo(EventTypes.CONVERSATION_MESSAGE_ADDED);
        assertThat(event.source()).isEqualTo(EventTypes.SOURCE_CONVERSATION_SERVICE);
        assertThat(event.subject()).isEqualTo(conversationId);
        assertThat(event.time()).isNotBlank();
        assertThat(event.dataAs(ConversationMessageAdded.class)).isEqualTo(new ConversationMessageAdded(
                conversationId, messageId, record, from, to, MessageDirection.INBOUND, attached.message().body(),
                receivedAt, alerts));

        // Being alerted grants nothing: the alerted seller who owns neither the record nor the number does not see it.
        assertThat(Fixtures.conversationStatus(TestTokens.seller(seller), conversationId)).isEqualTo(404);
    }

    /** Every attach event looks for a move it should follow: index probes only, on the pair and the record. */
    @Test
    void theLookupOfAMoveToFollowIsIndexBacked() {
        String plan = io.smsconversations.conversation.TestDatabase.plan(MoveRedirects.UNSEEN_MOVE
                .replace(":record", "'contact-1'").replace(":customer", "'+14255550100'")
                .replace(":business", "'+14255550199'").replace(":seenAt", "now()"));
        assertThat(plan).doesNotContain("Seq Scan").contains("conversation_move_by_pair");
    }

    @Test
    void aRepeatedAttachEventMakesNoSecondMessageAndNoSecondEvent() {
        String seller = unique("seller");
        MessageAttached attached = attached(contact(seller), number(), number(), "Call me back", Fixtures.now(),
                List.of(new AlertRecipient(seller, true)));
        String token = TestTokens.seller(seller);

        publish(kafka, attached);
        String conversationId = awaitConversation(token, attached.message().from(), attached.message().to());
        String messageId = (String) awaitMessages(token, conversationId, 1).get(0).get("id");
        String eventId = EventIds.derived("message-added", messageId);
        kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> eventId.equals(e.id()), EVENTUALLY);
        double duplicatesBefore = Fixtures.metric("conversation_attach_duplicates_total");

        publish(kafka, attached);

        await().atMost(EVENTUALLY)
                .until(() -> Fixtures.metric("conversation_attach_duplicates_total") > duplicatesBefore);
        // The event was written to the outbox with the message, once; the repeat writes nothing.
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS, e -> eventId.equals(e.id()), Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(messages(token, conversationId)).extracting(m -> m.get("id")).containsExactly(messageId);
        assertThat(conversations(token, "?limit=200"))
                .filteredOn(c -> attached.message().from().equals(c.get("customerNumber")))
                .hasSize(1);
    }

    @Test
    void laterMessagesBetweenTheSameNumbersJoinTheSameConversation() {
        String seller = unique("seller");
        RecordRef record = contact(seller);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        String customer = number();
        String business = number();
        Instant first = Fixtures.now().minusSeconds(60);
        MessageAttached hello = attached(record, customer, business, "Hello", first, alerts);
        MessageAttached again = attached(record, customer, business, "Are you there?", first.plusSeconds(30), alerts);
        String token = TestTokens.seller(seller);

        publish(kafka, hello);
        String conversationId = awaitConversation(token, customer, business);
        publish(kafka, again);

        List<Map<String, Object>> history = awaitMessages(token, conversationId, 2);
        assertThat(history).extracting(m -> m.get("body")).containsExactly("Hello", "Are you there?");
        Map<String, Object> conversation = Fixtures.conversationWith(token, customer, business).orElseThrow();
        assertThat(conversation.get("id")).isEqualTo(conversationId);
        assertThat(Instant.parse((String) conversation.get("lastActivityAt"))).isEqualTo(first.plusSeconds(30));
        assertThat(conversations(token, "?limit=200")).filteredOn(c -> customer.equals(c.get("customerNumber")))
                .hasSize(1);

        // Another business number is another conversation (SPEC §3: identity is record, customer, business).
        String otherBusiness = number();
        publish(kafka, attached(record, customer, otherBusiness, "Wrong line?", first.plusSeconds(40), alerts));
        String otherConversation = awaitConversation(token, customer, otherBusiness);
        assertThat(otherConversation).isNotEqualTo(conversationId);
        assertThat(messages(token, conversationId)).hasSize(2);
    }

    @Test
    void numbersAreStoredInE164() {
        String seller = unique("seller");
        String digits = number().substring(1);
        MessageAttached attached = attached(contact(seller), digits, number(), "Hi", Fixtures.now(),
                List.of(new AlertRecipient(seller, true)));

        publish(kafka, attached);

        awaitConversation(TestTokens.seller(seller), "+" + digits, attached.message().to());
    }

    @Test
    void aFailingDatabaseIsRetriedAndTheMessageIsStoredOnce() throws Exception {
        String seller = unique("seller");
        MessageAttached attached = attached(contact(seller), number(), number(), "Retry me", Fixtures.now(),
                List.of(new AlertRecipient(seller, true)));
        String eventId = Fixtures.attachEventId(attached);
        String constraint = "test_refuses_" + Math.abs(eventId.hashCode());
        double failedBefore = Fixtures.metric("sms_consumer_retries_total{channel=\"message-attachments\"");

        try (Connection db = database(); Statement sql = db.createStatement()) {
            // Only this message's insert fails, until the constraint goes: a database refusing writes for a while.
            sql.execute("ALTER TABLE message ADD CONSTRAINT " + constraint
                    + " CHECK (source_event_id <> '" + eventId + "') NOT VALID");
            try {
                publish(kafka, attached);
                await().atMost(EVENTUALLY)
                        .until(() -> Fixtures.metric("sms_consumer_retries_total{channel=\"message-attachments\"") > failedBefore);
            } finally {
                sql.execute("ALTER TABLE message DROP CONSTRAINT " + constraint);
            }
        }

        String token = TestTokens.seller(seller);
        String conversationId = awaitConversation(token, attached.message().from(), attached.message().to());
        List<Map<String, Object>> history = awaitMessages(token, conversationId, 1);
        assertThat(history).hasSize(1);
        String messageAddedId = EventIds.derived("message-added", (String) history.get(0).get("id"));
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS, e -> messageAddedId.equals(e.id()),
                Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void aDatabaseFailoverLongerThanTheRetriesIsWaitedOutAndTheMessageIsStoredOnce() {
        String seller = unique("seller");
        MessageAttached attached = attached(contact(seller), number(), number(), "During the failover",
                Fixtures.now(), List.of(new AlertRecipient(seller, true)));
        String key = ConversationKey.of(attached.message().from(), attached.message().to());

        try (var outage = SuiteInfrastructure.get().postgres().outage("conversation")) {
            publish(kafka, attached);
            // more failed attempts than sms.consumer.defaults.max-retries (4): still waiting, not dead-lettered
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                var ready = given().when().get("/q/health/ready").then().extract().jsonPath();
                String check = "checks.find { it.name == 'event-consumers' }";
                assertThat(ready.getString(check + ".status")).isEqualTo("DOWN");
                assertThat(ready.getString(check + ".data.'message-attachments.waitingFor'")).contains("database");
                assertThat(ready.getInt(check + ".data.'message-attachments.failedAttempts'")).isGreaterThan(4);
            });
        }

        String token = TestTokens.seller(seller);
        String conversationId = awaitConversation(token, attached.message().from(), attached.message().to());
        assertThat(awaitMessages(token, conversationId, 1)).hasSize(1);
        assertThat(kafka.collect(Fixtures.DEAD_LETTER_TOPIC, e -> key.equals(e.key()), Duration.ofSeconds(2)))
                .isEmpty();
    }

    private static Connection database() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordIsStillProcessed() {
        String seller = unique("seller");
        String customer = number();
        String business = number();
        String key = ConversationKey.of(customer, business);
        RecordRef record = contact(seller);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        MessageAttached badNumber = attached(record, "not a number", business, "x", Fixtures.now(), alerts);
        MessageAttached good = attached(record, customer, business, "After the poison", Fixtures.now(), alerts);

        kafka.publishRaw(Topics.MESSAGE_ATTACHMENTS, key, "{ this is not JSON");
        kafka.publishEvent(Topics.MESSAGE_ATTACHMENTS, key, unique("attach"), EventTypes.MESSAGE_ATTACHED,
                "[\"not\", \"a\", \"MessageAttached\"]");
        kafka.publishEvent(Topics.MESSAGE_ATTACHMENTS, key, Fixtures.attachEventId(badNumber),
                EventTypes.MESSAGE_ATTACHED, badNumber);
        kafka.publishEvent(Topics.MESSAGE_ATTACHMENTS, key, unique("attach"), "io.smsconversations.unknown.v9", good);
        publish(kafka, good);

        List<CloudEventRecord> deadLetters = kafka.await(Fixtures.DEAD_LETTER_TOPIC, e -> key.equals(e.key()), 4,
                EVENTUALLY);
        assertThat(deadLetters).extracting(CloudEventRecord::value).contains("{ this is not JSON",
                KafkaTestClient.toJson(badNumber));
        String token = TestTokens.seller(seller);
        String conversationId = awaitConversation(token, customer, business);
        assertThat(awaitMessages(token, conversationId, 1)).extracting(m -> m.get("body"))
                .containsExactly("After the poison");
        assertThat(kafka.collect(Fixtures.DEAD_LETTER_TOPIC, e -> key.equals(e.key()), Duration.ofSeconds(2)))
                .hasSize(4);
    }
}
