package io.smsconversations.conversation.records;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.publishBusinessNumber;
import static io.smsconversations.conversation.Fixtures.publishSeller;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.records.ViewFixtures.awaitConversationOf;
import static io.smsconversations.conversation.records.ViewFixtures.awaitRecordView;
import static io.smsconversations.conversation.records.ViewFixtures.business;
import static io.smsconversations.conversation.records.ViewFixtures.mobile;
import static io.smsconversations.conversation.records.ViewFixtures.publishRecord;
import static io.smsconversations.conversation.records.ViewFixtures.publishTeam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §5 "From a record": a record's conversations per phone number, a contact's opportunities, activities. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class RecordConversationsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void aContactShowsItsConversationsPerNumberAndItsOpportunitiesEachSellerOnlyWhatTheyMaySee() {
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String alice = unique("alice");
        String bob = unique("bob");
        publishTeam(kafka, teamA, "North");
        publishTeam(kafka, teamB, "South");
        publishSeller(kafka, alice, teamA);
        publishSeller(kafka, bob, teamB);
        String numberA = number();
        String numberB = number();
        publishBusinessNumber(kafka, numberA, List.of(), List.of(teamA));
        publishBusinessNumber(kafka, numberB, List.of(), List.of(teamB));
        String mobile = number();
        String desk = number();
        String formerNumber = number();
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Ada Lovelace", Owner.team(teamA),
                List.of(mobile(mobile), business(desk)), null, List.of());
        DirectoryRecord alpha = publishRecord(kafka, RecordType.OPPORTUNITY, "Alpha deal", Owner.seller(alice),
                List.of(), contact.id(), List.of());
        DirectoryRecord beta = publishRecord(kafka, RecordType.OPPORTUNITY, "Beta deal", Owner.team(teamB),
                List.of(), null, List.of(contact.id()));
        DirectoryRecord unrelated = publishRecord(kafka, RecordType.OPPORTUNITY, "Aardvark deal", Owner.seller(alice),
                List.of(), unique("contact"), List.of());

        Instant start = Fixtures.now().minusSeconds(60);
        String aliceToken = TestTokens.seller(alice);
        String bobToken = TestTokens.seller(bob);
        MessageAttached onMobile = attached(contact.ref(), mobile, numberA, "Hi on mobile", start, List.of());
        MessageAttached onFormer = attached(contact.ref(), formerNumber, numberA, "From my old phone",
                start.plusSeconds(1), List.of());
        MessageAttached onAlpha = attached(alpha.ref(), mobile, numberA, "About Alpha", start.plusSeconds(2),
                List.of());
        MessageAttached onBeta = attached(beta.ref(), mobile, numberB, "About Beta", start.plusSeconds(3), List.of());
        MessageAttached onUnrelated = attached(unrelated.ref(), mobile, numberA, "Not this contact's",
                start.plusSeconds(4), List.of());
        for (MessageAttached message : List.of(onMobile, onFormer, onAlpha, onBeta, onUnrelated)) {
            publish(kafka, message);
        }
        String mobileConversation = awaitConversationOf(aliceToken, contact.id(), mobile, numberA);
        String formerConversation = awaitConversationOf(aliceToken, contact.id(), formerNumber, numberA);
        String betaConversation = awaitConversationOf(bobToken, beta.id(), mobile, numberB);
        awaitConversationOf(aliceToken, alpha.id(), mobile, numberA);

        JsonPath view = awaitRecordView(aliceToken, contact.id(),
                v -> v.getList("relatedOpportunities").size() == 1
                        && v.getList("relatedOpportunities[0].conversations").size() == 1
                        && "North".equals(v.getString("record.owner.teamName")));
        assertThat(view.getString("record.id")).isEqualTo(contact.id());
        assertThat(view.getString("record.type")).isEqualTo("CONTACT");
        assertThat(view.getString("record.name")).isEqualTo("Ada Lovelace");
        assertThat(view.getString("record.owner.teamId")).isEqualTo(teamA);
        assertThat(view.getString("record.owner.sellerId")).isNull();
        assertThat(view.getBoolean("record.inDirectory")).isTrue();

        // Per number, as the directory lists them (mobile first); the former number's conversation is elsewhere.
        assertThat(view.getList("numbers.number")).containsExactly(mobile, desk);
        assertThat(view.getList("numbers.kind")).containsExactly("MOBILE", "BUSINESS");
        assertThat(view.getList("numbers[0].conversations.id")).containsExactly(mobileConversation);
        assertThat(view.getString("numbers[0].conversations[0].businessNumber")).isEqualTo(numberA);
        assertThat(view.getString("numbers[0].conversations[0].customerNumber")).isEqualTo(mobile);
        assertThat(view.getInt("numbers[0].conversations[0].unreadCount")).isEqualTo(1);
        assertThat(view.getString("numbers[0].conversations[0].lastMessage.text")).isEqualTo("Hi on mobile");
        assertThat(view.getString("numbers[0].conversations[0].lastMessage.direction")).isEqualTo("INBOUND");
        assertThat(Instant.parse(view.getString("numbers[0].conversations[0].lastActivityAt"))).isEqualTo(start);
        assertThat(view.getList("numbers[1].conversations")).isEmpty();
        assertThat(view.getList("otherNumbers.id")).containsExactly(formerConversation);
        assertThat(view.getString("otherNumbers[0].customerNumber")).isEqualTo(formerNumber);

        // Its opportunities the caller may see, by name, whether it is their customer or a related contact. Beta is
        // team B's, and its conversation is on team B's number: not Alice's to see, so not in her drop-down.
        assertThat(view.getList("relatedOpportunities.id")).containsExactly(alpha.id());
        assertThat(view.getList("relatedOpportunities.relation")).containsExactly("CUSTOMER");
        assertThat(view.getString("relatedOpportunities[0].owner.sellerId")).isEqualTo(alice);
        assertThat(view.getString("relatedOpportunities[0].owner.sellerName")).isEqualTo("Seller " + alice);
        assertThat(view.getString("relatedOpportunities[0].conversations[0].lastMessage.text"))
                .isEqualTo("About Alpha");
        assertThat(view.prettify()).doesNotContain("Beta deal");
        assertThat(view.getList("activities")).isEmpty();

        // Bob neither owns the contact nor sees a conversation of it: 404, even though he sees Beta's.
        given().auth().oauth2(bobToken).when().get("/api/records/" + contact.id() + "/conversations")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        JsonPath betaView = awaitRecordView(bobToken, beta.id(), v -> v.getList("activities").size() == 1);
        assertThat(betaView.getList("activities.id")).containsExactly(betaConversation);
        assertThat(betaView.getString("record.owner.teamName")).isEqualTo("South");

        // An admin sees every opportunity and conversation.
        JsonPath adminView = awaitRecordView(TestTokens.admin(unique("admin")), contact.id(),
                v -> v.getList("relatedOpportunities[1].conversations").size() == 1);
        assertThat(adminView.getList("relatedOpportunities.id")).containsExactly(alpha.id(), beta.id());
        assertThat(adminView.getList("relatedOpportunities.relation")).containsExactly("CUSTOMER", "RELATED_CONTACT");
        assertThat(adminView.getString("relatedOpportunities[1].owner.teamId")).isEqualTo(teamB);
        assertThat(adminView.getList("relatedOpportunities[1].conversations.id")).containsExactly(betaConversation);
        assertThat(adminView.getList("numbers[0].conversations.id")).containsExactly(mobileConversation);

        // Unknown records, and one nobody gave the stranger, are not found.
        String stranger = TestTokens.seller(unique("stranger"));
        given().auth().oauth2(stranger).when().get("/api/records/" + contact.id() + "/conversations")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(aliceToken).when().get("/api/records/" + unique("nothing") + "/conversations")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("detail", equalTo("There is no record with this id that you may see"));
    }

    /**
     * Issue 16.6: a seller who sees a contact only through a conversation on their own line gets only the
     * opportunities they may see themselves (SPEC §5), not the names of another team's.
     */
    @Test
    void aSellerWhoSeesAContactThroughTheirLineGetsOnlyTheOpportunitiesTheyMaySee() {
        String teamA = unique("team-a");
        String teamC = unique("team-c");
        String carol = unique("carol");
        publishSeller(kafka, carol, teamC);
        String carolsLine = number();
        String teamAsLine = number();
        publishBusinessNumber(kafka, carolsLine, List.of(), List.of(teamC));
        publishBusinessNumber(kafka, teamAsLine, List.of(), List.of(teamA));
        String mobile = number();
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Ada Lovelace", Owner.team(teamA),
                List.of(mobile(mobile)), null, List.of());
        DirectoryRecord secret = publishRecord(kafka, RecordType.OPPORTUNITY, "Secret takeover", Owner.team(teamA),
                List.of(), contact.id(), List.of());
        DirectoryRecord shared = publishRecord(kafka, RecordType.OPPORTUNITY, "Shared renewal", Owner.team(teamA),
                List.of(), null, List.of(contact.id()));
        Instant start = Fixtures.now().minusSeconds(60);
        publish(kafka, attached(contact.ref(), mobile, carolsLine, "Hi Carol", start, List.of()));
        publish(kafka, attached(secret.ref(), mobile, teamAsLine, "About the takeover", start.plusSeconds(1),
                List.of()));
        publish(kafka, attached(shared.ref(), mobile, carolsLine, "About the renewal", start.plusSeconds(2),
                List.of()));
        String carolToken = TestTokens.seller(carol);
        String sharedConversation = awaitConversationOf(carolToken, shared.id(), mobile, carolsLine);
        awaitConversationOf(carolToken, contact.id(), mobile, carolsLine);

        JsonPath view = awaitRecordView(carolToken, contact.id(),
                v -> v.getList("relatedOpportunities").size() == 1 && v.getList("numbers").size() == 1);
        // The renewal has a conversation on Carol's line: hers to see. The takeover is team A's record on team A's
        // line: neither listed nor named.
        assertThat(view.getList("relatedOpportunities.id")).containsExactly(shared.id());
        assertThat(view.getList("relatedOpportunities[0].conversations.id")).containsExactly(sharedConversation);
        assertThat(view.prettify()).doesNotContain("Secret takeover").doesNotContain(secret.id());
        JsonPath adminView = awaitRecordView(TestTokens.admin(unique("admin")), contact.id(),
                v -> v.getList("relatedOpportunities").size() == 2);
        assertThat(adminView.getList("relatedOpportunities.name")).containsExactly("Secret takeover",
                "Shared renewal");
    }

    @Test
    void anOpportunityListsItsConversationsAsActivitiesNewestFirst() {
        String alice = unique("alice");
        publishSeller(kafka, alice);
        String aliceToken = TestTokens.seller(alice);
        String line = number();
        publishBusinessNumber(kafka, line, List.of(alice), List.of());
        String listed = number();
        String unlisted = number();
        DirectoryRecord opportunity = publishRecord(kafka, RecordType.OPPORTUNITY, "Renewal", Owner.seller(alice),
                List.of(mobile(listed)), null, List.of());
        Instant start = Fixtures.now().minusSeconds(60);
        publish(kafka, attached(opportunity.ref(), listed, line, "First", start, List.of()));
        publish(kafka, attached(opportunity.ref(), unlisted, line, "Second", start.plusSeconds(1), List.of()));
        publish(kafka, attached(opportunity.ref(), listed, line, "Third", start.plusSeconds(2), List.of()));
        String listedConversation = awaitConversation(aliceToken, listed, line);
        String unlistedConversation = awaitConversation(aliceToken, unlisted, line);

        JsonPath view = awaitRecordView(aliceToken, opportunity.id(),
                v -> v.getList("activities").size() == 2 && "Third".equals(v.getString("activities[0].lastMessage.text"))
                        && v.getInt("activities[0].unreadCount") == 2
                        // the attach events may overtake the directory entry: wait for the record's numbers too
                        && v.getList("numbers").size() == 1);
        assertThat(view.getString("record.type")).isEqualTo("OPPORTUNITY");
        assertThat(view.getString("record.owner.sellerId")).isEqualTo(alice);
        assertThat(view.getList("activities.id")).containsExactly(listedConversation, unlistedConversation);
        assertThat(view.getList("activities.lastMessage.text")).containsExactly("Third", "Second");
        assertThat(view.getList("activities.unreadCount")).containsExactly(2, 1);
        assertThat(view.getList("numbers.number")).containsExactly(listed);
        assertThat(view.getList("numbers[0].conversations.id")).containsExactly(listedConversation);
        assertThat(view.getList("otherNumbers.id")).containsExactly(unlistedConversation);
        assertThat(view.getList("relatedOpportunities")).isEmpty();
    }

    @Test
    void aRecordTheDirectoryDoesNotKnowIsShownFromItsConversations() {
        String alice = unique("alice");
        RecordRef lead = new RecordRef(unique("lead"), RecordType.LEAD, "New lead", Owner.seller(alice));
        String customer = number();
        String line = number();
        publish(kafka, attached(lead, customer, line, "Who is this?", Fixtures.now(),
                List.of(new AlertRecipient(alice, true))));
        String aliceToken = TestTokens.seller(alice);
        String conversation = awaitConversation(aliceToken, customer, line);

        JsonPath view = awaitRecordView(aliceToken, lead.id(), v -> true);
        assertThat(view.getBoolean("record.inDirectory")).isFalse();
        assertThat(view.getString("record.type")).isEqualTo("LEAD");
        assertThat(view.getString("record.name")).isEqualTo("New lead");
        assertThat(view.getString("record.owner.sellerId")).isEqualTo(alice);
        assertThat(view.getList("numbers")).isEmpty();
        assertThat(view.getList("otherNumbers.id")).containsExactly(conversation);
        given().auth().oauth2(TestTokens.seller(unique("stranger"))).when()
                .get("/api/records/" + lead.id() + "/conversations")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }
}
