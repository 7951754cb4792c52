package io.smsconversations.conversation.move;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.conversationStatus;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §5 moves through the real database, broker and OIDC tokens. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class MoveFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void aMovedConversationTakesItsMessagesIsRecordedAnnouncedAndSeenByTheNewRecordsOwner() {
        // The number is someone else's: the record's owner sees the conversation through the record only.
        Line line = Line.open(kafka, unique("owner"), unique("number-owner"), true);
        String newOwner = unique("new-owner");
        RecordRef target = targetRecord(RecordType.OPPORTUNITY, Owner.seller(newOwner));
        assertThat(conversationStatus(TestTokens.seller(newOwner), line.conversationId())).isEqualTo(404);
        // An admin sees both records (a seller may move only to a record they may see, see below).
        String mover = unique("mover");

        ValidatableResponse moved = move(TestTokens.admin(mover), line.conversationId(), target.id()).statusCode(200)
                .body("moved", equalTo(true))
                .body("conversationId", equalTo(line.conversationId()))
                .body("move.fromConversationId", equalTo(line.conversationId()))
                .body("move.from.id", equalTo(line.record().id()))
                .body("move.from.type", equalTo("CONTACT"))
                .body("move.to.id", equalTo(target.id()))
                .body("move.to.type", equalTo("OPPORTUNITY"))
                .body("move.to.name", equalTo(target.name()))
                .body("move.movedBy", equalTo(mover))
                .body("move.merged", equalTo(false));
        String moveId = moved.extract().path("move.id");
        Instant movedAt = Instant.parse(moved.extract().path("move.movedAt"));

        String newToken = TestTokens.seller(newOwner);
        given().auth().oauth2(newToken).when().get("/api/conversations/" + line.conversationId())
                .then().statusCode(200).body("record.id", equalTo(target.id()))
                .body("record.type", equalTo("OPPORTUNITY"));
        assertThat(messages(newToken, line.conversationId())).extracting(m -> m.get("body")).containsExactly("Hello");
        assertThat(conversationStatus(line.token(), line.conversationId())).isEqualTo(404);
        List<Map<String, Object>> moves = given().auth().oauth2(newToken).when()
                .get("/api/conversations/" + line.conversationId() + "/moves")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0)).containsEntry("id", moveId).containsEntry("movedBy", mover);

        CloudEventRecord event = kafka.awaitOne(Topics.CONVERSATION_EVENTS,
                e -> EventIds.derived("conversation-moved", moveId).equals(e.id()), EVENTUALLY);
        assertThat(event.key()).isEqualTo(line.conversationId());
        assertThat(event.type()).isEqualTo(EventTypes.CONVERSATION_MOVED);
        assertThat(event.subject()).isEqualTo(line.conversationId());
        assertThat(event.dataAs(ConversationMoved.class)).isEqualTo(new ConversationMoved(moveId,
                line.conversationId(), line.record(), target, line.customer(), line.business(), mover, movedAt));
    }

    @Test
    void movingToTheRecordItIsOnChangesNothing() {
        Line line = Line.open(kafka);

        move(line.token(), line.conversationId(), line.record().id()).statusCode(200)
                .body("moved", equalTo(false))
                .body("conversationId", equalTo(line.conversationId()))
                .body("move", nullValue());

        assertThat(line.outboxEvents(EventTypes.CONVERSATION_MOVED)).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM conversation_move WHERE from_conversation_id = ?::uuid",
                line.conversationId())).isZero();
    }

    @Test
    void anUnknownTargetRecordIsRefusedAndNothingMoves() {
        Line line = Line.open(kafka);

        notFound(move(line.token(), line.conversationId(), unique("no-such-record")));
        given().auth().oauth2(line.token()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/conversations/" + line.conversationId() + "/move")
                .then().statusCode(400).body("type", equalTo("https://sms-conversations.io/problems/missing-record-id"));

        given().auth().oauth2(line.token()).when().get("/api/conversations/" + line.conversationId())
                .then().statusCode(200).body("record.id", equalTo(line.record().id()));
        assertThat(line.outboxEvents(EventTypes.CONVERSATION_MOVED)).isZero();
    }

    /** Issue 11.3: moving onto someone else's record would move the thread out of sight and echo that record. */
    @Test
    void aTargetRecordTheCallerMayNotSeeIsAnswered404ExactlyLikeAnUnknownOne() {
        Line line = Line.open(kafka);
        RecordRef theirs = targetRecord(RecordType.OPPORTUNITY, Owner.seller(unique("other-seller")));
        RecordRef theirTeams = targetRecord(RecordType.ACCOUNT, Owner.team(unique("other-team")));

        String unknown = notFound(move(line.token(), line.conversationId(), unique("no-such-record")));
        assertThat(notFound(move(line.token(), line.conversationId(), theirs.id()))).isEqualTo(unknown)
                .doesNotContain(theirs.name());
        assertThat(notFound(move(line.token(), line.conversationId(), theirTeams.id()))).isEqualTo(unknown);

        given().auth().oauth2(line.token()).when().get("/api/conversations/" + line.conversationId())
                .then().statusCode(200).body("record.id", equalTo(line.record().id()));
        assertThat(line.outboxEvents(EventTypes.CONVERSATION_MOVED)).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM conversation_move WHERE from_conversation_id = ?::uuid",
                line.conversationId())).isZero();
        // An admin may move it there.
        move(TestTokens.admin(unique("admin")), line.conversationId(), theirs.id()).statusCode(200)
                .body("moved", equalTo(true));
    }

    /** The refusal's body without its instance, which names the conversation. */
    private static String notFound(ValidatableResponse response) {
        return response.statusCode(404).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://sms-conversations.io/problems/record-not-found"))
                .body("detail", startsWith("there is no record with this id that you may see"))
                .extract().jsonPath().getMap("").entrySet().stream()
                .filter(e -> !e.getKey().equals("instance")).map(Object::toString).sorted().toList().toString();
    }

    @Test
    void aConversationTheCallerMayNotSeeCannotBeMoved() {
        Line line = Line.open(kafka);
        String stranger = unique("stranger");
        RecordRef target = targetRecord(RecordType.ACCOUNT, Owner.seller(stranger));

        move(TestTokens.seller(stranger), line.conversationId(), target.id()).statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.seller(stranger)).when()
                .get("/api/conversations/" + line.conversationId() + "/moves").then().statusCode(404);
        move(line.token(), "not-a-uuid", target.id()).statusCode(404);

        given().auth().oauth2(line.token()).when().get("/api/conversations/" + line.conversationId())
                .then().statusCode(200).body("record.id", equalTo(line.record().id()));
    }

    @Test
    void aMoveOntoARecordThatAlreadyHasTheThreadMergesBoth() {
        Line line = Line.open(kafka);
        RecordRef target = targetRecord(RecordType.CONTACT, Owner.seller(line.seller()));
        publish(kafka, attached(target, line.customer(), line.business(), "Other thread", Instant.now().plusSeconds(1),
                List.of()));
        String existing = await().atMost(EVENTUALLY).until(() -> Fixtures.conversations(line.token(), "?limit=200")
                .stream().filter(c -> line.customer().equals(c.get("customerNumber"))
                        && target.id().equals(((Map<?, ?>) c.get("record")).get("id")))
                .map(c -> (String) c.get("id")).findFirst(), java.util.Optional::isPresent).orElseThrow();

        move(line.token(), line.conversationId(), target.id()).statusCode(200)
                .body("moved", equalTo(true))
                .body("conversationId", equalTo(existing))
                .body("move.fromConversationId", equalTo(line.conversationId()))
                .body("move.merged", equalTo(true));

        assertThat(conversationStatus(line.token(), line.conversationId())).isEqualTo(404);
        assertThat(messages(line.token(), existing)).extracting(m -> m.get("body"))
                .containsExactly("Hello", "Other thread");
        given().auth().oauth2(line.token()).when().get("/api/conversations/" + existing + "/moves")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].merged", equalTo(true));
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS,
                e -> EventTypes.CONVERSATION_MOVED.equals(e.type()) && existing.equals(e.key()),
                Duration.ofSeconds(3))).hasSize(1);
        awaitConversation(line.token(), line.customer(), line.business());
    }

    @Test
    void aMergeKeepsEachSellersFurtherReadMark() {
        Line line = Line.open(kafka); // "Hello" now, on the moved conversation
        Instant at = Instant.now();
        RecordRef target = targetRecord(RecordType.CONTACT, Owner.seller(line.seller()));
        publish(kafka, attached(target, line.customer(), line.business(), "Other thread", at.plusSeconds(1), List.of()));
        publish(kafka, attached(line.record(), line.customer(), line.business(), "Late", at.plusSeconds(3), List.of()));
        String existing = await().atMost(EVENTUALLY).until(() -> Fixtures.conversations(line.token(), "?limit=200")
                .stream().filter(c -> line.customer().equals(c.get("customerNumber"))
                        && target.id().equals(((Map<?, ?>) c.get("record")).get("id")))
                .map(c -> (String) c.get("id")).findFirst(), java.util.Optional::isPresent).orElseThrow();
        List<Map<String, Object>> moved = Fixtures.awaitMessages(line.token(), line.conversationId(), 2);
        String hello = (String) moved.get(0).get("id");
        String adminA = TestTokens.admin(unique("admin-a"));
        String adminB = TestTokens.admin(unique("admin-b"));
        String adminC = TestTokens.admin(unique("admin-c"));
        // The seller has read the moved conversation to its end, and never opened the other.
        markRead(line.token(), line.conversationId(), null);
        // A: the other to its end (Other thread, +1 s), the moved one only up to Hello: the other's mark is further.
        markRead(adminA, existing, null);
        markRead(adminA, line.conversationId(), hello);
        // B: the other to its end (+1 s), the moved one to its end (Late, +3 s): the moved one's mark is further.
        markRead(adminB, existing, null);
        markRead(adminB, line.conversationId(), null);
        // C never read either.

        move(line.token(), line.conversationId(), target.id()).statusCode(200).body("moved", equalTo(true))
                .body("conversationId", equalTo(existing)).body("move.merged", equalTo(true));

        assertThat(unreadCount(line.token(), existing)).isZero();
        assertThat(unreadCount(adminA, existing)).isEqualTo(1); // Late
        assertThat(unreadCount(adminB, existing)).isZero();
        assertThat(unreadCount(adminC, existing)).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM conversation_read WHERE conversation_id = ?::uuid",
                line.conversationId())).isZero();
    }

    /**
     * Issue 16: routing learns of a move from Kafka only, so a reply right after it is still decided for the record
     * the conversation left. Deterministic: the attach event says routing saw nothing newer than a second before the
     * move, as it does when it decides before the move reaches it.
     */
    @Test
    void aReplyRoutingDecidedBeforeItKnewOfTheMoveLandsInTheMovedConversation() {
        Line line = Line.open(kafka);
        String newOwner = unique("new-owner");
        Fixtures.publishSeller(kafka, newOwner);
        RecordRef target = targetRecord(RecordType.OPPORTUNITY, Owner.seller(newOwner));
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count("SELECT count(*) FROM directory_seller WHERE id = ?",
                newOwner) == 1);
        // The target is another seller's: only an admin may move there (a seller moves to records they may see).
        ValidatableResponse moved = move(TestTokens.admin(unique("mover")), line.conversationId(), target.id())
                .statusCode(200);
        String moveId = moved.extract().path("move.id");
        Instant movedAt = Instant.parse(moved.extract().path("move.movedAt"));
        double redirectsBefore = Fixtures.metric("conversation_attach_redirected_total");

        MessageAttached reply = Fixtures.seeing(attached(line.record(), line.customer(), line.business(),
                "Right after the move", movedAt.plusMillis(30), List.of(new AlertRecipient(line.seller(), true))),
                line.record().id(), movedAt.minusSeconds(1));
        publish(kafka, reply);

        String newToken = TestTokens.seller(newOwner);
        List<Map<String, Object>> history = Fixtures.awaitMessages(newToken, line.conversationId(), 2);
        assertThat(history).extracting(m -> m.get("body")).containsExactly("Hello", "Right after the move");
        assertThat(history.get(0).get("redirect")).isNull();
        assertThat(history.get(1).get("redirect")).isEqualTo(Map.of("routedRecordId", line.record().id(),
                "moveId", moveId));
        assertThat(TestDatabase.count("SELECT count(*) FROM conversation WHERE customer_number = ? "
                + "AND business_number = ?", line.customer(), line.business())).isEqualTo(1);
        given().auth().oauth2(newToken).when().get("/api/conversations/" + line.conversationId())
                .then().statusCode(200).body("lastMessage.text", equalTo("Right after the move"));
        // Announced on the moved conversation and its record, to the record's owner (not the old record's).
        String messageId = (String) history.get(1).get("id");
        ConversationMessageAdded added = kafka.awaitOne(Topics.CONVERSATION_EVENTS,
                e -> EventIds.derived("message-added", messageId).equals(e.id()), EVENTUALLY)
                .dataAs(ConversationMessageAdded.class);
        assertThat(added.conversationId()).isEqualTo(line.conversationId());
        assertThat(added.record().id()).isEqualTo(target.id());
        assertThat(added.alerts()).containsExactly(new AlertRecipient(newOwner, true));
        assertThat(Fixtures.metric("conversation_attach_redirected_total")).isEqualTo(redirectsBefore + 1);

        // A repeat of the attach event changes nothing.
        publish(kafka, reply);
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count("SELECT count(*) FROM message "
                + "WHERE source_event_id = ?", Fixtures.attachEventId(reply)) == 1);
    }

    /**
     * A reply routing sent to the old record knowing of the move (for a later reason), one for another record, one
     * from a routing-service that does not say what it saw, and a stale one after the old record got a conversation
     * of its own again: none of them is taken to the moved conversation.
     */
    @Test
    void aReplyThatBelongsElsewhereIsNotTakenToTheMovedConversation() {
        Line line = Line.open(kafka);
        RecordRef target = targetRecord(RecordType.OPPORTUNITY, Owner.seller(line.seller()));
        ValidatableResponse moved = move(line.token(), line.conversationId(), target.id()).statusCode(200);
        Instant movedAt = Instant.parse(moved.extract().path("move.movedAt"));

        // Routing knew of the move (its latest activity is the move) and still chose the old record.
        publish(kafka, Fixtures.seeing(attached(line.record(), line.customer(), line.business(), "Knew",
                movedAt.plusSeconds(1), List.of()), target.id(), movedAt));
        String onOldRecord = awaitConversationOn(line, line.record().id());
        // Stale, but the old record has a conversation with activity after the move now: it is the latest.
        publish(kafka, Fixtures.seeing(attached(line.record(), line.customer(), line.business(), "Stale",
                movedAt.plusSeconds(2), List.of()), line.record().id(), movedAt.minusSeconds(1)));
        // Stale, for a record the conversation never was on.
        RecordRef other = Fixtures.contact(line.seller());
        publish(kafka, Fixtures.seeing(attached(other, line.customer(), line.business(), "Other record",
                movedAt.plusSeconds(3), List.of()), line.record().id(), movedAt.minusSeconds(1)));
        String onOtherRecord = awaitConversationOn(line, other.id());

        assertThat(Fixtures.awaitMessages(line.token(), onOldRecord, 2)).extracting(m -> m.get("body"))
                .containsExactly("Knew", "Stale");
        assertThat(Fixtures.messages(line.token(), onOtherRecord)).extracting(m -> m.get("body"))
                .containsExactly("Other record");
        assertThat(Fixtures.messages(line.token(), line.conversationId())).extracting(m -> m.get("body"))
                .containsExactly("Hello");

        // An attach event without what routing saw (a routing-service from before): routing's choice as before.
        Line legacy = Line.open(kafka);
        RecordRef legacyTarget = targetRecord(RecordType.OPPORTUNITY, Owner.seller(legacy.seller()));
        move(legacy.token(), legacy.conversationId(), legacyTarget.id()).statusCode(200);
        publish(kafka, attached(legacy.record(), legacy.customer(), legacy.business(), "Unknown view",
                Instant.now(), List.of()));
        String legacyOld = awaitConversationOn(legacy, legacy.record().id());
        assertThat(Fixtures.awaitMessages(legacy.token(), legacyOld, 1)).extracting(m -> m.get("redirect"))
                .containsOnlyNulls();
    }

    private static String awaitConversationOn(Line line, String recordId) {
        return await().atMost(EVENTUALLY).until(() -> Fixtures.conversations(line.token(), "?limit=200").stream()
                .filter(c -> line.customer().equals(c.get("customerNumber"))
                        && recordId.equals(((Map<?, ?>) c.get("record")).get("id")))
                .map(c -> (String) c.get("id")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static void markRead(String token, String conversationId, String upTo) {
        var request = given().auth().oauth2(token);
        if (upTo != null) {
            request = request.contentType(ContentType.JSON).body(Map.of("upTo", upTo));
        }
        request.when().post("/api/conversations/" + conversationId + "/read").then().statusCode(200);
    }

    private static int unreadCount(String token, String conversationId) {
        return given().auth().oauth2(token).when().get("/api/conversations/" + conversationId)
                .then().statusCode(200).extract().path("unreadCount");
    }

    private static ValidatableResponse move(String token, String conversationId, String recordId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("recordId", recordId))
                .when().post("/api/conversations/" + conversationId + "/move")
                .then();
    }

    /** A record in the directory projection. */
    private static RecordRef targetRecord(RecordType type, Owner owner) {
        RecordRef record = new RecordRef(unique(type.name().toLowerCase()), type, "Target " + type, owner);
        Line.publishRecord(kafka, record, List.of());
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> TestDatabase.count(
                "SELECT count(*) FROM directory_record WHERE id = ?", record.id()) == 1);
        return record;
    }
}
