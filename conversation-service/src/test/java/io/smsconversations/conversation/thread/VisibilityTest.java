package io.smsconversations.conversation.thread;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.conversationStatus;
import static io.smsconversations.conversation.Fixtures.conversations;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.publishBusinessNumber;
import static io.smsconversations.conversation.Fixtures.publishRecord;
import static io.smsconversations.conversation.Fixtures.publishSeller;
import static io.smsconversations.conversation.Fixtures.teamContact;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * SPEC §5 visibility from the directory projection: a seller sees a conversation whose record or business number is
 * assigned to them or one of their teams, now; everything else answers 404 on every endpoint. Being alerted about a
 * message grants nothing lasting.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class VisibilityTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void twoSellersOfDifferentTeamsEachSeeOnlyTheirOwnConversations() {
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String alice = unique("alice");
        String bob = unique("bob");
        publishSeller(kafka, alice, teamA);
        publishSeller(kafka, bob, teamB);
        String aliceToken = TestTokens.seller(alice);
        String bobToken = TestTokens.seller(bob);

        // Alice's way in: the record belongs to her team (the number is nobody's).
        RecordRef teamARecord = teamContact(teamA);
        publishRecord(kafka, teamARecord, Owner.team(teamA));
        MessageAttached byRecord = attached(teamARecord, number(), number(), "For team A", Fixtures.now(), List.of());
        publish(kafka, byRecord);

        // Bob's way in: the business number belongs to his team (the record to a third seller).
        String teamBNumber = number();
        publishBusinessNumber(kafka, teamBNumber, List.of(), List.of(teamB));
        RecordRef othersRecord = Fixtures.contact(unique("carol"));
        publishRecord(kafka, othersRecord, othersRecord.owner());
        MessageAttached byNumber = attached(othersRecord, number(), teamBNumber, "For team B", Fixtures.now(),
                List.of());
        publish(kafka, byNumber);

        String aliceConversation = awaitConversation(aliceToken, byRecord.message().from(), byRecord.message().to());
        String bobConversation = awaitConversation(bobToken, byNumber.message().from(), teamBNumber);

        assertHidden(bobToken, aliceConversation);
        assertHidden(aliceToken, bobConversation);
        assertThat(conversations(aliceToken, "?limit=200")).extracting(c -> c.get("id"))
                .contains(aliceConversation).doesNotContain(bobConversation);
        assertThat(conversations(bobToken, "?limit=200")).extracting(c -> c.get("id"))
                .contains(bobConversation).doesNotContain(aliceConversation);
        assertThat(Fixtures.messages(aliceToken, aliceConversation)).hasSize(1);
        assertThat(Fixtures.messages(bobToken, bobConversation)).hasSize(1);

        // A seller of no team and owning nothing sees neither; an admin sees both.
        String stranger = TestTokens.seller(unique("stranger"));
        assertHidden(stranger, aliceConversation);
        assertHidden(stranger, bobConversation);
        String admin = TestTokens.admin(unique("admin"));
        assertThat(conversationStatus(admin, aliceConversation)).isEqualTo(200);
        assertThat(conversationStatus(admin, bobConversation)).isEqualTo(200);
    }

    @Test
    void aRecordReassignedToAnotherTeamTakesItsConversationsAlong() {
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String alice = unique("alice");
        String bob = unique("bob");
        publishSeller(kafka, alice, teamA);
        publishSeller(kafka, bob, teamB);
        String aliceToken = TestTokens.seller(alice);
        String bobToken = TestTokens.seller(bob);

        RecordRef record = teamContact(teamA);
        publishRecord(kafka, record, Owner.team(teamA));
        MessageAttached message = attached(record, number(), number(), "Moving soon", Fixtures.now(), List.of());
        publish(kafka, message);
        String conversationId = awaitConversation(aliceToken, message.message().from(), message.message().to());
        assertHidden(bobToken, conversationId);

        publishRecord(kafka, record, Owner.team(teamB));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationStatus(bobToken, conversationId) == 200);
        assertHidden(aliceToken, conversationId);

        // And to a seller directly: the owner sees it, the team no longer does.
        publishRecord(kafka, record, Owner.seller(alice));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationStatus(aliceToken, conversationId) == 200);
        assertHidden(bobToken, conversationId);
    }

    @Test
    void aSellerWhoJoinsATeamSeesItsConversationsAndOneWhoLeavesNoLonger() {
        String team = unique("team");
        String dave = unique("dave");
        publishSeller(kafka, dave);
        String daveToken = TestTokens.seller(dave);
        String teamNumber = number();
        publishBusinessNumber(kafka, teamNumber, List.of(), List.of(team));
        RecordRef record = Fixtures.contact(unique("erin"));
        publishRecord(kafka, record, record.owner());
        MessageAttached message = attached(record, number(), teamNumber, "Hello team", Fixtures.now(), List.of());
        publish(kafka, message);
        String admin = TestTokens.admin(unique("admin"));
        String conversationId = awaitConversation(admin, message.message().from(), teamNumber);
        assertHidden(daveToken, conversationId);

        publishSeller(kafka, dave, team);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationStatus(daveToken, conversationId) == 200);

        publishSeller(kafka, dave);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationStatus(daveToken, conversationId) == 404);
    }

    /** Issue 11.4: an alert is no lasting right; a seller who left the team reads no further replies. */
    @Test
    void anAlertedSellerSeesNothingOnceTheRecordAndTheNumberAreNoLongerTheirs() {
        String team = unique("team");
        String alice = unique("alice");
        publishSeller(kafka, alice, team);
        String aliceToken = TestTokens.seller(alice);
        String teamNumber = number();
        publishBusinessNumber(kafka, teamNumber, List.of(), List.of(team));
        RecordRef record = teamContact(team);
        publishRecord(kafka, record, Owner.team(team));
        MessageAttached first = attached(record, number(), teamNumber, "For the team", Fixtures.now(),
                List.of(new AlertRecipient(alice, true)));
        publish(kafka, first);
        String conversationId = awaitConversation(aliceToken, first.message().from(), teamNumber);
        templatePreview(aliceToken, record.id()).statusCode(200);
        recordView(aliceToken, record.id()).statusCode(200);

        publishSeller(kafka, alice);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationStatus(aliceToken, conversationId) == 404);
        // A later reply, about which she is alerted once more (routing's view of the team may lag), changes nothing.
        publish(kafka, attached(record, first.message().from(), teamNumber, "Still for the team",
                Fixtures.now().plusSeconds(1), List.of(new AlertRecipient(alice, true))));
        String admin = TestTokens.admin(unique("admin"));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> Fixtures.messages(admin, conversationId).size() == 2);
        assertHidden(aliceToken, conversationId);
        templatePreview(aliceToken, record.id()).statusCode(404);
        recordView(aliceToken, record.id()).statusCode(404);
    }

    private static ValidatableResponse templatePreview(String token, String recordId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("body", "Hello {{RecordName}}", "recordId", recordId))
                .when().post("/api/templates/preview").then();
    }

    private static ValidatableResponse recordView(String token, String recordId) {
        return given().auth().oauth2(token).when().get("/api/records/" + recordId + "/conversations").then();
    }

    @Test
    void theVisibilityCheckIsIndexBackedOnEveryTable() throws SQLException {
        String visible = ConversationQueries.VISIBLE_TO_SELLER.replace(":sellerId", "'some-seller'");
        // Seq scans off: the planner uses an index wherever one exists, so a "Seq Scan" left means a missing one.
        assertThat(plan("SELECT c.* FROM conversation c WHERE TRUE AND " + visible
                + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51"))
                .doesNotContain("Seq Scan").contains("conversation_by_activity");
        assertThat(plan("SELECT c.* FROM conversation c WHERE c.id = '" + java.util.UUID.randomUUID() + "' AND "
                + visible)).doesNotContain("Seq Scan");
        assertThat(plan("SELECT r.id FROM directory_record r WHERE r.id = 'some-record' AND "
                + Visibility.record("r").replace(":sellerId", "'some-seller'"))).doesNotContain("Seq Scan");
    }

    private static String plan(String sql) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            List<String> lines = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("EXPLAIN " + sql)) {
                while (result.next()) {
                    lines.add(result.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }

    private static void assertHidden(String token, String conversationId) {
        for (String path : List.of("", "/messages", "/opt-out")) {
            given().auth().oauth2(token).when().get("/api/conversations/" + conversationId + path)
                    .then().statusCode(404).contentType("application/problem+json");
        }
        assertThat(conversations(token, "?limit=200")).extracting(c -> c.get("id")).doesNotContain(conversationId);
    }
}
