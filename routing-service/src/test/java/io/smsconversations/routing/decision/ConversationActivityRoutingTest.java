package io.smsconversations.routing.decision;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.queryOne;
import static io.smsconversations.routing.TestSupport.unique;
import static io.smsconversations.routing.decision.RoutingFixtures.awaitAttach;
import static io.smsconversations.routing.decision.RoutingFixtures.businessNumber;
import static io.smsconversations.routing.decision.RoutingFixtures.message;
import static io.smsconversations.routing.decision.RoutingFixtures.messageAdded;
import static io.smsconversations.routing.decision.RoutingFixtures.publish;
import static io.smsconversations.routing.decision.RoutingFixtures.publishAdded;
import static io.smsconversations.routing.decision.RoutingFixtures.record;
import static io.smsconversations.routing.decision.RoutingFixtures.seller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.ConversationOptOutChanged;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.routing.admin.TeamView;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Rule 1 end to end: conversation-service's events feed the conversation-activity projection, and a reply goes to the
 * record of the most recent conversation. Plus the explanation API on the decisions made here.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class ConversationActivityRoutingTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();
    private static final Instant MODIFIED = Instant.parse("2026-11-01T00:00:00Z");
    private static final String DLQ = "sms.conversation-events.dlq.routing-service";

    @Inject
    AgroalDataSource db;

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    /** Sam's number; record A is Sam's contact (rules 2-7 pick it), record B Olga's. */
    private record Scene(String sam, String olga, String from, String to, RecordRef a, RecordRef b) {
    }

    private static Scene scene() {
        String sam = unique("sam");
        String olga = unique("olga");
        seller(sam, List.of(), true);
        seller(olga, List.of(), true);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of());
        String from = number("425");
        RecordRef a = new RecordRef(unique("a-contact"), RecordType.CONTACT, "Ada", Owner.seller(sam));
        RecordRef b = new RecordRef(unique("b-contact"), RecordType.CONTACT, "Ada at home", Owner.seller(olga));
        for (RecordRef r : List.of(a, b)) {
            record(new DirectoryRecord(r.id(), r.type(), r.name(), r.owner(), true, MODIFIED,
                    List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        }
        return new Scene(sam, olga, from, to, a, b);
    }

    @Test
    void aReplyGoesToTheRecordOfTheMostRecentConversationEvenWhenRules2To7WouldPickAnother() {
        Scene s = scene();
        InboundMessageReceived before = message(s.from(), s.to(), "Before any conversation");
        assertThat(awaitAttach(KAFKA, publish(KAFKA, before)).dataAs(MessageAttached.class).record())
                .isEqualTo(s.a());

        publishAdded(KAFKA, messageAdded(s.b(), s.from(), s.to(), Instant.now()));
        awaitActivityOn(s, s.b().id());
        InboundMessageReceived reply = message(s.from(), s.to(), "Thanks!");
        String replyId = publish(KAFKA, reply);

        MessageAttached attached = awaitAttach(KAFKA, replyId).dataAs(MessageAttached.class);
        assertThat(attached.record()).isEqualTo(s.b());
        assertThat(attached.decidingRule()).isEqualTo("rule 1: most recent conversation");

        // The explanation of that decision, in words and as data.
        given().auth().oauth2(admin())
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(200)
                .body("explanation", equalTo("2 candidates; rule 1: most recent conversation"))
                .body("rule", equalTo("rule-1"))
                .body("record.id", equalTo(s.b().id()))
                .body("inboundEventId", equalTo(replyId))
                .body("candidates.size()", equalTo(2))
                .body("candidates.find { it.id == '" + s.a().id() + "' }.owner.sellerId", equalTo(s.sam()))
                .body("candidates.find { it.id == '" + s.a().id() + "' }.type", equalTo("CONTACT"))
                .body("candidates.find { it.id == '" + s.a().id() + "' }.active", equalTo(true))
                .body("candidates.find { it.id == '" + s.a().id() + "' }.chosen", equalTo(false))
                .body("candidates.find { it.id == '" + s.b().id() + "' }.chosen", equalTo(true))
                .body("inputs.businessNumberOwnerSellerIds", equalTo(List.of(s.sam())))
                .body("inputs.lastConversationRecordId", equalTo(s.b().id()))
                .body("inputs.lastConversationIsCandidate", equalTo(true))
                .body("inputs.steps", equalTo(List.of("rule-1: 1 of 2 kept")))
                .body("details.join(' ')", containsString("most recent conversation"));
    }

    @Test
    void theProjectionOnlyMovesForwardInTimeAndIgnoresRepeats() {
        Scene s = scene();
        // One conversation id as key for every event here: one partition, processed in the order published.
        String conversationId = unique("conversation");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConversationMessageAdded onB = added(conversationId, s.b(), s.from(), s.to(), now);
        String onBId = publishAdded(KAFKA, onB);
        awaitActivityOn(s, s.b().id());

        // Older activity on A arrives late, and B's event is delivered again: nothing moves.
        publishAdded(KAFKA, added(conversationId, s.a(), s.from(), s.to(), now.minusSeconds(60)));
        publishAdded(KAFKA, onB);
        // A marker on another pair of numbers, behind them on the same partition: once it is stored, they were too.
        String otherCustomer = number("425");
        publishAdded(KAFKA, added(conversationId, s.a(), otherCustomer, s.to(), now));
        await().atMost(WAIT).until(() -> queryOne(db, "SELECT record_id FROM conversation_activity "
                + "WHERE customer_number = ? AND business_number = ?", otherCustomer, s.to()) != null);

        assertThat(activityRecord(s)).isEqualTo(s.b().id());
        assertThat(queryOne(db, "SELECT event_id FROM conversation_activity WHERE customer_number = ? "
                + "AND business_number = ?", s.from(), s.to())).isEqualTo(onBId);

        // A later activity on A (as a move of the conversation will be) takes over, and the next reply follows it.
        publishAdded(KAFKA, added(conversationId, s.a(), s.from(), s.to(), now.plusSeconds(60)));
        awaitActivityOn(s, s.a().id());
        MessageAttached attached = awaitAttach(KAFKA, publish(KAFKA, message(s.from(), s.to(), "Again")))
                .dataAs(MessageAttached.class);
        assertThat(attached.record()).isEqualTo(s.a());
        assertThat(attached.decidingRule()).isEqualTo("rule 1: most recent conversation");
    }

    private static ConversationMessageAdded added(String conversationId, RecordRef record, String customer,
            String business, Instant at) {
        return new ConversationMessageAdded(conversationId, unique("message"), record, customer, business,
                io.smsconversations.events.MessageDirection.INBOUND, "Hello", at, List.of());
    }

    @Test
    void activityOnARecordThatNoLongerCarriesTheNumberIsNotUsed() {
        Scene s = scene();
        RecordRef elsewhere = new RecordRef(unique("moved"), RecordType.CONTACT, "Gone", Owner.seller(s.olga()));
        publishAdded(KAFKA, messageAdded(elsewhere, s.from(), s.to(), Instant.now()));
        awaitActivityOn(s, elsewhere.id());

        MessageAttached attached = awaitAttach(KAFKA, publish(KAFKA, message(s.from(), s.to(), "Hi")))
                .dataAs(MessageAttached.class);

        assertThat(attached.record()).isEqualTo(s.a());
        assertThat(attached.decidingRule()).isEqualTo("rule 2: owned by the seller of the business number");
    }

    @Test
    void aMoveSendsLaterRepliesToTheRecordTheConversationMovedTo() {
        Scene s = scene();
        String conversationId = unique("conversation");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(120);
        // The conversation is on A (rule 1 would keep A anyway: Sam owns it and the number is Sam's).
        publishAdded(KAFKA, added(conversationId, s.a(), s.from(), s.to(), start));
        awaitActivityOn(s, s.a().id());

        ConversationMoved move = new ConversationMoved(unique("move"), conversationId, s.a(), s.b(), s.from(),
                s.to(), s.olga(), start.plusSeconds(60));
        String moveId = publishMoved(move);
        awaitActivityOn(s, s.b().id());
        assertThat(queryOne(db, "SELECT event_type FROM conversation_activity WHERE customer_number = ? "
                + "AND business_number = ?", s.from(), s.to())).isEqualTo(EventTypes.CONVERSATION_MOVED);
        assertThat(queryOne(db, "SELECT event_id FROM conversation_activity WHERE customer_number = ? "
                + "AND business_number = ?", s.from(), s.to())).isEqualTo(moveId);

        // A message stored on A before the move, delivered late, and the move again: nothing moves back.
        publishAdded(KAFKA, added(conversationId, s.a(), s.from(), s.to(), start.plusSeconds(30)));
        publishMoved(move);
        String marker = number("425");
        publishAdded(KAFKA, added(conversationId, s.a(), marker, s.to(), start));
        await().atMost(WAIT).until(() -> queryOne(db, "SELECT record_id FROM conversation_activity "
                + "WHERE customer_number = ? AND business_number = ?", marker, s.to()) != null);
        assertThat(activityRecord(s)).isEqualTo(s.b().id());

        InboundMessageReceived reply = message(s.from(), s.to(), "Still there?");
        MessageAttached attached = awaitAttach(KAFKA, publish(KAFKA, reply)).dataAs(MessageAttached.class);
        assertThat(attached.record()).isEqualTo(s.b());
        assertThat(attached.decidingRule()).isEqualTo("rule 1: most recent conversation");
        // What rule 1 saw travels with the decision: conversation-service tells by it whether routing knew the move.
        assertThat(attached.lastConversationRecordId()).isEqualTo(s.b().id());
        assertThat(attached.lastConversationAt()).isEqualTo(start.plusSeconds(60));
        assertThat(attached.decidedAt()).isNotNull();
        given().auth().oauth2(admin())
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(200)
                .body("inputs.lastConversationRecordId", equalTo(s.b().id()))
                .body("inputs.lastConversationAt", equalTo(start.plusSeconds(60).toString()));
    }

    @Test
    void aMoveWinsOverAMessageStoredInTheSameMillisecond() {
        Scene s = scene();
        String conversationId = unique("conversation");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishMoved(new ConversationMoved(unique("move"), conversationId, s.a(), s.b(), s.from(), s.to(),
                s.olga(), at));
        awaitActivityOn(s, s.b().id());
        publishAdded(KAFKA, added(conversationId, s.a(), s.from(), s.to(), at));
        String marker = number("425");
        publishAdded(KAFKA, added(conversationId, s.a(), marker, s.to(), at));
        await().atMost(WAIT).until(() -> queryOne(db, "SELECT record_id FROM conversation_activity "
                + "WHERE customer_number = ? AND business_number = ?", marker, s.to()) != null);

        assertThat(activityRecord(s)).isEqualTo(s.b().id());
    }

    @Test
    void otherKnownTypesAreIgnoredUnknownTypesAndPoisonEventsAreDeadLetteredWithoutStoppingThePartition() {
        Scene s = scene();
        String conversationId = unique("conversation");
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, new ConversationMessageStatusChanged(conversationId,
                        unique("m"), s.a(), s.from(), s.to(), s.sam(), DeliveryStatus.DELIVERED, null, null, null,
                        Instant.now()));
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                EventTypes.CONVERSATION_OPT_OUT_CHANGED, new ConversationOptOutChanged(conversationId, s.from(),
                        s.to(), true, "KEYWORD", unique("inbound"), Instant.now()));
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                "io.smsconversations.conversation.something-new.v1", "{\"whatever\": true}");
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                EventTypes.CONVERSATION_MESSAGE_ADDED, "{\"conversationId\": ");
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                EventTypes.CONVERSATION_MESSAGE_ADDED, new ConversationMessageAdded(conversationId, unique("m"),
                        s.b(), null, s.to(), null, null, Instant.now(), List.of()));
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, conversationId, unique("id"),
                EventTypes.CONVERSATION_MOVED, new ConversationMoved(unique("move"), conversationId, s.a(), null,
                        s.from(), s.to(), s.sam(), null));
        KAFKA.publishRaw(Topics.CONVERSATION_EVENTS, conversationId, "no headers at all");
        ConversationMessageAdded good = new ConversationMessageAdded(conversationId, unique("m"), s.b(), s.from(),
                s.to(), null, null, Instant.now(), List.of());
        publishAdded(KAFKA, good);

        awaitActivityOn(s, s.b().id());
        assertThat(awaitRaw(DLQ, r -> conversationId.equals(r.key()), 5, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("unknown CloudEvents type on sms.conversation-events"),
                        reason -> assertThat(reason).startsWith("payload is not a ConversationMessageAdded in JSON"),
                        reason -> assertThat(reason).isEqualTo("missing field(s): customerNumber"),
                        reason -> assertThat(reason).isEqualTo("missing field(s): to.id, movedAt"),
                        reason -> assertThat(reason).contains("not a binary-mode CloudEvent"));
    }

    @Test
    void theExplanationApiNamesTheRuleAndTheCandidatesAndRefusesOthers() {
        Scene s = scene();
        String third = unique("c-lead");
        record(new DirectoryRecord(third, RecordType.LEAD, "Lead", Owner.seller(s.olga()), false, null,
                List.of(new PhoneNumber(PhoneKind.MOBILE, s.from())), null));
        InboundMessageReceived reply = message(s.from(), s.to(), "Three of us");
        awaitAttach(KAFKA, publish(KAFKA, reply));

        given().auth().oauth2(admin())
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(200)
                .body("explanation", equalTo("3 candidates; rule 2: owned by the seller of the business number"))
                .body("provider", equalTo("twilio"))
                .body("providerMessageId", equalTo(reply.providerMessageId()))
                .body("customerNumber", equalTo(s.from()))
                .body("businessNumber", equalTo(s.to()))
                .body("record.id", equalTo(s.a().id()))
                .body("reason", equalTo("rule 2: owned by the seller of the business number"))
                .body("candidates.id", equalTo(List.of(s.a().id(), s.b().id(), third).stream().sorted().toList()))
                .body("candidates.find { it.id == '" + third + "' }.type", equalTo("LEAD"))
                .body("candidates.find { it.id == '" + third + "' }.active", equalTo(false))
                .body("inputs.businessNumberKnown", equalTo(true))
                .body("inputs.lastConversationRecordId", equalTo(null))
                .body("inputs.steps", equalTo(List.of("rule-1: 3 of 3 kept", "rule-2: 1 of 3 kept")))
                .body("alerts[0].sellerId", equalTo(s.sam()))
                .body("attachPublishedAt", org.hamcrest.Matchers.notNullValue());

        given().auth().oauth2(admin()).when().get("/api/admin/routing-decisions/twilio/" + unique("SM-unknown"))
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        given().auth().oauth2(TestTokens.seller(s.sam()))
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(403);
        given().when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(401);
    }

    @Test
    void theExplanationNamesTeamsByTheNamesTheyHadWhenTheReplyWasRouted() {
        String team = unique("team");
        put("/api/admin/teams/" + team, new Team(team, "West Coast"), Team.class);
        await().atMost(WAIT).until(() -> get("/api/admin/teams/" + team, TeamView.class) != null);
        String nina = unique("nina");
        String olga = unique("olga");
        seller(nina, List.of(team), true);
        seller(olga, List.of(), true);
        String to = number("206");
        businessNumber(to, List.of(), List.of(team));
        String from = number("425");
        RecordRef ninas = new RecordRef(unique("x-contact"), RecordType.CONTACT, "Ada", Owner.seller(nina));
        RecordRef teams = new RecordRef(unique("y-account"), RecordType.ACCOUNT, "Contoso", Owner.team(team));
        RecordRef olgas = new RecordRef(unique("z-contact"), RecordType.CONTACT, "Ada too", Owner.seller(olga));
        for (RecordRef r : List.of(ninas, teams, olgas)) {
            record(new DirectoryRecord(r.id(), r.type(), r.name(), r.owner(), true, MODIFIED,
                    List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        }
        InboundMessageReceived reply = message(from, to, "Hello team");
        assertThat(awaitAttach(KAFKA, publish(KAFKA, reply)).dataAs(MessageAttached.class).record())
                .isEqualTo(ninas);
        // Renamed afterwards: the explanation keeps the name the decision saw.
        put("/api/admin/teams/" + team, new Team(team, "Renamed"), Team.class);
        await().atMost(WAIT).until(() -> "Renamed".equals(get("/api/admin/teams/" + team, TeamView.class).name()));

        given().auth().oauth2(admin())
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(200)
                .body("explanation", equalTo("3 candidates; rule 4: record type contact"))
                .body("inputs.teamNames." + team, equalTo("West Coast"))
                .body("inputs.steps", equalTo(List.of("rule-1: 3 of 3 kept", "rule-2: 3 of 3 kept",
                        "rule-3: 2 of 3 kept", "rule-4: 1 of 2 kept")))
                .body("details.join(' ')", containsString("The business number is assigned to team(s) " + team
                        + " ('West Coast')."))
                .body("details.join(' ')", containsString(teams.id() + " (account, owned by team " + team
                        + " ('West Coast'), active"));
    }

    @Test
    void aNewLeadIsExplainedToo() {
        String sam = unique("sam");
        seller(sam, List.of(), false);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of());
        InboundMessageReceived reply = message(number("425"), to, "Who is this?");
        awaitAttach(KAFKA, publish(KAFKA, reply));

        given().auth().oauth2(admin())
                .when().get("/api/admin/routing-decisions/twilio/" + reply.providerMessageId())
                .then().statusCode(200)
                .body("explanation", equalTo("no candidate; new lead"))
                .body("leadCreated", equalTo(true))
                .body("candidates.size()", equalTo(0))
                .body("details.join(' ')", containsString("A new lead was created"))
                .body("details.join(' ')", containsString("lacks the Seller privilege"));
    }

    private static String publishMoved(ConversationMoved move) {
        String id = EventIds.derived("conversation-moved", move.moveId());
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, move.conversationId(), id, EventTypes.CONVERSATION_MOVED,
                move);
        return id;
    }

    private void awaitActivityOn(Scene s, String recordId) {
        await().atMost(WAIT).until(() -> recordId.equals(activityRecord(s)));
    }

    private Object activityRecord(Scene s) {
        return queryOne(db, "SELECT record_id FROM conversation_activity WHERE customer_number = ? "
                + "AND business_number = ?", s.from(), s.to());
    }
}
