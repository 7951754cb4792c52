package io.smsconversations.conversation.records;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publishBusinessNumber;
import static io.smsconversations.conversation.Fixtures.publishSeller;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.records.ViewFixtures.awaitRecordView;
import static io.smsconversations.conversation.records.ViewFixtures.awaitSendingNumber;
import static io.smsconversations.conversation.records.ViewFixtures.mobile;
import static io.smsconversations.conversation.records.ViewFixtures.national;
import static io.smsconversations.conversation.records.ViewFixtures.publishRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §5, from a work-list step: open or start the conversation of a record, a customer number and my number. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OpenConversationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void startsTheConversationOnceAndThenOpensIt() {
        String team = unique("team");
        String alice = unique("alice");
        publishSeller(kafka, alice, team);
        String aliceToken = TestTokens.seller(alice);
        String line = number();
        publishBusinessNumber(kafka, line, List.of(), List.of(team));
        String customer = number();
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Ada Lovelace", Owner.seller(alice),
                List.of(mobile(customer)), null, List.of());
        awaitSendingNumber(aliceToken, line);
        awaitRecordView(aliceToken, contact.id(), v -> v.getList("numbers").size() == 1);
        String path = "/api/records/" + contact.id() + "/conversations";

        // The customer number as the seller typed it, read in the business number's country.
        var response = given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", national(customer), "businessNumber", line))
                .when().put(path)
                .then().statusCode(201).contentType(ContentType.JSON)
                .extract();
        JsonPath started = response.jsonPath();
        String id = started.getString("id");
        assertThat(response.header("Location")).endsWith("/api/conversations/" + id);
        assertThat(started.getString("customerNumber")).isEqualTo(customer);
        assertThat(started.getString("businessNumber")).isEqualTo(line);
        assertThat(started.getString("record.id")).isEqualTo(contact.id());
        assertThat(started.getString("record.type")).isEqualTo("CONTACT");
        assertThat(started.getString("record.name")).isEqualTo("Ada Lovelace");
        assertThat(started.getInt("unreadCount")).isZero();
        assertThat(started.getString("lastMessage")).isNull();
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", line))
                .when().put(path)
                .then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", line))
                .when().put(path)
                .then().statusCode(200).body("id", equalTo(id));

        given().auth().oauth2(aliceToken).when().get("/api/conversations/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        JsonPath view = awaitRecordView(aliceToken, contact.id(), v -> true);
        assertThat(view.getList("numbers[0].conversations.id")).containsExactly(id);
        assertThat(Fixtures.messages(aliceToken, id)).isEmpty();
    }

    @Test
    void eachRefusalHasItsOwnAnswerAndStartsNothing() {
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String alice = unique("alice");
        publishSeller(kafka, alice, teamA);
        String aliceToken = TestTokens.seller(alice);
        String mine = number();
        String theirs = number();
        publishBusinessNumber(kafka, mine, List.of(), List.of(teamA));
        publishBusinessNumber(kafka, theirs, List.of(), List.of(teamB));
        String customer = number();
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Grace Hopper", Owner.team(teamA),
                List.of(mobile(customer)), null, List.of());
        awaitSendingNumber(aliceToken, mine);
        awaitRecordView(aliceToken, contact.id(), v -> v.getList("numbers").size() == 1);
        String path = "/api/records/" + contact.id() + "/conversations";

        refused(aliceToken, "/api/records/" + unique("nothing") + "/conversations", customer, mine, 404,
                "There is no record with this id that you may see");
        refused(aliceToken, path, customer, "not a number", 422, "businessNumber is not an E.164 number (+14255550100)");
        refused(aliceToken, path, customer, theirs, 403, "You may not use this business number");
        refused(aliceToken, path, "12", mine, 422, "customerNumber is not a valid phone number");
        refused(aliceToken, path, number(), mine, 422, "customerNumber is not one of the record's phone numbers");
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON).body(Map.of("businessNumber", mine))
                .when().put(path)
                .then().statusCode(400).contentType(PROBLEM_JSON).body(containsString("customerNumber"));
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .when().put(path)
                .then().statusCode(400).contentType(PROBLEM_JSON);

        // Nothing was started: the record still has no conversation, even for an admin.
        JsonPath view = awaitRecordView(TestTokens.admin(unique("admin")), contact.id(), v -> true);
        assertThat(view.getList("numbers[0].conversations")).isEmpty();
        assertThat(view.getList("otherNumbers")).isEmpty();
    }

    /**
     * Issue 11.3: a record of another team is not the caller's to open, whatever the numbers: the answer is the one
     * for an id that does not exist, before any other check, so neither the answer nor the order of the refusals
     * tells that it exists, and nothing of it (name, numbers) is echoed.
     */
    @Test
    void aRecordTheCallerMayNotSeeIsA404ExactlyLikeAMissingOneWhateverTheNumbers() {
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String alice = unique("alice");
        publishSeller(kafka, alice, teamA);
        String aliceToken = TestTokens.seller(alice);
        String mine = number();
        String theirs = number();
        publishBusinessNumber(kafka, mine, List.of(), List.of(teamA));
        publishBusinessNumber(kafka, theirs, List.of(), List.of(teamB));
        String customer = number();
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Grace Hopper", Owner.team(teamB),
                List.of(mobile(customer)), null, List.of());
        awaitSendingNumber(aliceToken, mine);
        String adminToken = TestTokens.admin(unique("admin"));
        awaitRecordView(adminToken, contact.id(), v -> v.getList("numbers").size() == 1);
        String path = "/api/records/" + contact.id() + "/conversations";
        String missing = "/api/records/" + unique("nothing") + "/conversations";

        for (List<String> numbers : List.of(List.of(customer, mine), List.of(customer, "not a number"),
                List.of(customer, theirs), List.of("12", mine), List.of(number(), mine))) {
            String answer = notFound(aliceToken, path, numbers.get(0), numbers.get(1));
            assertThat(answer).isEqualTo(notFound(aliceToken, missing, numbers.get(0), numbers.get(1)))
                    .doesNotContain("Grace Hopper").doesNotContain(customer);
        }
        JsonPath view = awaitRecordView(adminToken, contact.id(), v -> true);
        assertThat(view.getList("numbers[0].conversations")).isEmpty();

        // Once a reply on her own number landed on the record, she sees the record through that conversation
        // (SPEC §5) and may open it from the work list.
        Fixtures.publish(kafka, Fixtures.attached(new RecordRef(contact.id(),
                RecordType.CONTACT, contact.name(), Owner.team(teamB)), customer, mine, "Hello", Fixtures.now(),
                List.of()));
        String id = Fixtures.awaitConversation(aliceToken, customer, mine);
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", mine))
                .when().put(path)
                .then().statusCode(200).body("id", equalTo(id));
        // An admin may start any record's conversation.
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", theirs))
                .when().put(path)
                .then().statusCode(201);
    }

    /** The 404's body without its instance (the path, which names the id asked for). */
    private static String notFound(String token, String path, String customer, String business) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", business))
                .when().put(path)
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .extract().jsonPath().getMap("").entrySet().stream()
                .filter(e -> !e.getKey().equals("instance")).map(Object::toString).sorted().toList().toString();
    }

    @Test
    void theOpenApiDocumentDescribesTheWaysIn() {
        JsonPath openApi = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> record = openApi.getMap("paths.'/api/records/{recordId}/conversations'");
        assertThat(record).containsKeys("get", "put");
        assertThat(openApi.getMap("paths.'/api/records/{recordId}/conversations'.put.responses"))
                .containsKeys("200", "201", "400", "403", "404", "422");
        assertThat(openApi.getMap("paths.'/api/conversations/{id}/read'.post.responses"))
                .containsKeys("200", "400", "404", "422");
        assertThat(openApi.getList("paths.'/api/conversations'.get.parameters.name"))
                .contains("limit", "before", "recordType", "unread");
        assertThat(openApi.getMap("components.schemas.Conversation.properties")).containsKey("unreadCount");
    }

    private static void refused(String token, String path, String customer, String business, int status,
            String reason) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", business))
                .when().put(path)
                .then().statusCode(status).contentType(PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", containsString(reason));
    }
}
