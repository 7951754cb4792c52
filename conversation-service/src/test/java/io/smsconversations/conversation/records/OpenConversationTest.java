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
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Grace Hopper", Owner.team(teamB),
                List.of(mobile(customer)), null, List.of());
        awaitSendingNumber(aliceToken, mine);
        awaitRecordView(TestTokens.admin(unique("admin")), contact.id(), v -> v.getList("numbers").size() == 1);
        String path = "/api/records/" + contact.id() + "/conversations";

        refused(aliceToken, "/api/records/" + unique("nothing") + "/conversations", customer, mine, 404,
                "There is no record with this id");
        refused(aliceToken, path, customer, "not a number", 422, "businessNumber is not a valid E.164 number");
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

        // With her own number she may start it although the record is team B's, and then sees it.
        String id = given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", customer, "businessNumber", mine))
                .when().put(path)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(aliceToken).when().get("/api/conversations/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.seller(unique("bob"))).when().get("/api/conversations/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON);
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
