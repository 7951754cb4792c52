package io.smsconversations.conversation.unread;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.conversationWith;
import static io.smsconversations.conversation.Fixtures.conversations;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** Unread counts per seller and conversation, and mark read (SPEC §5 "with unread counts"). */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class ReadStateTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void eachSellerReadsUpToAMessageOrToTheNewestAndTheMarkOnlyMovesForward() {
        String alice = unique("alice");
        String bob = unique("bob");
        String aliceToken = TestTokens.seller(alice);
        String bobToken = TestTokens.seller(bob);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(alice, true), new AlertRecipient(bob, true));
        // Both see it as members of the record's team (an alert alone grants nothing).
        String team = unique("team");
        Fixtures.publishSeller(kafka, alice, team);
        Fixtures.publishSeller(kafka, bob, team);
        RecordRef record = Fixtures.teamContact(team);
        String customer = number();
        String business = number();
        Instant start = Fixtures.now().minusSeconds(60);
        for (int i = 0; i < 3; i++) {
            publish(kafka, attached(record, customer, business, "m" + i, start.plusSeconds(i), alerts));
        }
        String id = awaitConversation(aliceToken, customer, business);
        awaitConversation(bobToken, customer, business);
        List<Map<String, Object>> messages = awaitMessages(aliceToken, id, 3);
        List<Object> messageIds = messages.stream().map(m -> m.get("id")).toList();

        assertThat(unreadCount(aliceToken, id)).isEqualTo(3);
        assertThat(conversationWith(aliceToken, customer, business).orElseThrow().get("unreadCount")).isEqualTo(3);
        assertThat(ids(aliceToken, "?limit=200&unread=true")).contains(id);

        JsonPath marked = markRead(aliceToken, id, Map.of("upTo", messageIds.get(1)))
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(marked.getString("conversationId")).isEqualTo(id);
        assertThat(marked.getString("readUpTo.messageId")).isEqualTo(messageIds.get(1));
        assertThat(Instant.parse(marked.getString("readUpTo.occurredAt"))).isEqualTo(start.plusSeconds(1));
        assertThat(marked.getInt("unreadCount")).isEqualTo(1);
        assertThat(unreadCount(aliceToken, id)).isEqualTo(1);

        // An older message does not move the mark back.
        markRead(aliceToken, id, Map.of("upTo", messageIds.get(0)))
                .then().statusCode(200)
                .body("readUpTo.messageId", equalTo(messageIds.get(1)))
                .body("unreadCount", equalTo(1));

        // Bob's and an admin's marks are their own.
        assertThat(unreadCount(bobToken, id)).isEqualTo(3);
        assertThat(unreadCount(TestTokens.admin(unique("admin")), id)).isEqualTo(3);

        // Without a body: up to the newest message.
        given().auth().oauth2(aliceToken).when().post("/api/conversations/" + id + "/read")
                .then().statusCode(200)
                .body("readUpTo.messageId", equalTo(messageIds.get(2)))
                .body("unreadCount", equalTo(0));
        assertThat(unreadCount(aliceToken, id)).isZero();
        assertThat(conversationWith(aliceToken, customer, business).orElseThrow().get("unreadCount")).isEqualTo(0);
        assertThat(ids(aliceToken, "?limit=200&unread=true")).doesNotContain(id);
        assertThat(ids(bobToken, "?limit=200&unread=true")).contains(id);

        // A new reply is unread again.
        publish(kafka, attached(record, customer, business, "m3", start.plusSeconds(3), alerts));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> unreadCount(aliceToken, id) == 1);
        assertThat(ids(aliceToken, "?limit=200&unread=true")).contains(id);
        assertThat(unreadCount(bobToken, id)).isEqualTo(4);
    }

    @Test
    void markReadRefusesWhatIsNotAMessageOfAVisibleConversation() {
        String alice = unique("alice");
        String aliceToken = TestTokens.seller(alice);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(alice, true));
        String customer = number();
        String business = number();
        publish(kafka, attached(contact(alice), customer, business, "Here", Fixtures.now(), alerts));
        String otherCustomer = number();
        publish(kafka, attached(contact(alice), otherCustomer, business, "There", Fixtures.now(), alerts));
        String id = awaitConversation(aliceToken, customer, business);
        String other = awaitConversation(aliceToken, otherCustomer, business);
        Object otherMessage = awaitMessages(aliceToken, other, 1).get(0).get("id");

        markRead(aliceToken, id, Map.of("upTo", UUID.randomUUID().toString()))
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", equalTo("upTo is not a message of this conversation"));
        markRead(aliceToken, id, Map.of("upTo", otherMessage))
                .then().statusCode(422).contentType(PROBLEM_JSON);
        markRead(aliceToken, id, Map.of("upTo", "not-a-uuid"))
                .then().statusCode(400).contentType(PROBLEM_JSON);
        assertThat(unreadCount(aliceToken, id)).isEqualTo(1);

        String stranger = TestTokens.seller(unique("stranger"));
        markRead(stranger, id, Map.of()).then().statusCode(404).contentType(PROBLEM_JSON);
        markRead(aliceToken, UUID.randomUUID().toString(), Map.of()).then().statusCode(404)
                .contentType(PROBLEM_JSON);
        markRead(aliceToken, "not-a-uuid", Map.of()).then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().post("/api/conversations/" + id + "/read")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2(TestTokens.token(unique("nobody"))).when().post("/api/conversations/" + id + "/read")
                .then().statusCode(403);
        assertThat(unreadCount(aliceToken, id)).isEqualTo(1);
    }

    @Test
    void sendingMarksTheConversationReadForTheSenderOnly() {
        Line line = Line.open(kafka);
        String admin = TestTokens.admin(unique("admin"));
        publish(kafka, attached(line.record(), line.customer(), line.business(), "Anyone?", Fixtures.now(),
                List.of()));
        awaitMessages(line.token(), line.conversationId(), 2);
        assertThat(unreadCount(line.token(), line.conversationId())).isEqualTo(2);

        String sent = line.send("Yes, here").statusCode(202).extract().path("id");

        assertThat(unreadCount(line.token(), line.conversationId())).isZero();
        assertThat(TestDatabase.value("SELECT read_message_id FROM conversation_read WHERE conversation_id = ?::uuid"
                + " AND seller_id = ?", line.conversationId(), line.seller())).isEqualTo(UUID.fromString(sent));
        // Another seller's (here an admin's) count is their own.
        assertThat(unreadCount(admin, line.conversationId())).isEqualTo(2);
        // A reply after the send is unread again.
        publish(kafka, attached(line.record(), line.customer(), line.business(), "Great", Instant.now().plusSeconds(1),
                List.of()));
        awaitMessages(line.token(), line.conversationId(), 4);
        assertThat(unreadCount(line.token(), line.conversationId())).isEqualTo(1);
        // A refused send marks nothing.
        publish(kafka, attached(line.record(), line.customer(), line.business(), "STOP", Instant.now().plusSeconds(2),
                List.of()));
        awaitMessages(line.token(), line.conversationId(), 5);
        line.send("One more thing").statusCode(409);
        assertThat(unreadCount(line.token(), line.conversationId())).isEqualTo(2);
    }

    private static io.restassured.response.Response markRead(String token, String id, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/conversations/" + id + "/read");
    }

    private static int unreadCount(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/conversations/" + id)
                .then().statusCode(200).extract().path("unreadCount");
    }

    private static List<Object> ids(String token, String query) {
        return conversations(token, query).stream().map(c -> c.get("id")).toList();
    }
}
